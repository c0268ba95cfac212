-- Per-layer diagnostics measured between epoch ends: step 0 before training, then every `everySteps`
-- steps when a request asks for them. The epochs' own diagnostics travel in job_epochs.metrics.
CREATE TABLE job_steps (
    job_id VARCHAR(64) NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    step   BIGINT NOT NULL,
    epoch  INT NOT NULL,
    layers VARCHAR NOT NULL,
    PRIMARY KEY (job_id, step)
);
