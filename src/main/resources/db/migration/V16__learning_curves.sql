-- Learning curves, kept as sweeps are: the record column holds the curve's JSON (record_version says
-- which version of it); worker and lease_until say which replica coordinates it and until when.

CREATE TABLE learning_curves (
    id               VARCHAR(64) PRIMARY KEY,
    record_version   INT NOT NULL,
    status           VARCHAR(16) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    record           VARCHAR NOT NULL,
    worker           VARCHAR(200),
    lease_until      TIMESTAMP WITH TIME ZONE,
    cancel_requested BOOLEAN NOT NULL
);
CREATE INDEX learning_curves_by_status ON learning_curves (status, created_at);
