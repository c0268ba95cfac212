-- Hyperparameter sweeps. The record column holds the sweep's JSON (record_version says which version of
-- it); worker and lease_until say which replica coordinates the sweep and until when without a heartbeat.

CREATE TABLE sweeps (
    id               VARCHAR(64) PRIMARY KEY,
    record_version   INT NOT NULL,
    status           VARCHAR(16) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    record           VARCHAR NOT NULL,
    worker           VARCHAR(200),
    lease_until      TIMESTAMP WITH TIME ZONE,
    cancel_requested BOOLEAN NOT NULL
);
CREATE INDEX sweeps_by_status ON sweeps (status, created_at);
