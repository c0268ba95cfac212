-- Records of jobs, their epochs, models and uploaded datasets. Blobs (model files, checkpoints,
-- dataset images) live in the blob store; a row names them by id. Portable between PostgreSQL and
-- H2 in PostgreSQL mode. record_version is the version of the JSON a row holds, so that a later
-- release can read rows written by this one.

CREATE TABLE jobs (
    id                 VARCHAR(64) PRIMARY KEY,
    record_version     INT NOT NULL,
    name               VARCHAR(200),
    dataset            VARCHAR(100) NOT NULL,
    request            VARCHAR NOT NULL,
    status             VARCHAR(16) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE,
    finished_at        TIMESTAMP WITH TIME ZONE,
    progress           DOUBLE PRECISION NOT NULL,
    progress_at_start  DOUBLE PRECISION NOT NULL,
    current_epoch      INT NOT NULL,
    model_id           VARCHAR(64),
    error              VARCHAR,
    kept_epoch         INT,
    stop_reason        VARCHAR,
    resumed_from_epoch INT,
    -- The replica that trains or trained the job, and until when its claim holds without a heartbeat.
    worker             VARCHAR(200),
    lease_until        TIMESTAMP WITH TIME ZONE,
    cancel_requested   BOOLEAN NOT NULL
);
CREATE INDEX jobs_by_status ON jobs (status, created_at);

CREATE TABLE job_epochs (
    job_id  VARCHAR(64) NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    epoch   INT NOT NULL,
    metrics VARCHAR NOT NULL,
    PRIMARY KEY (job_id, epoch)
);

CREATE TABLE models (
    id             VARCHAR(64) PRIMARY KEY,
    record_version INT NOT NULL,
    name           VARCHAR(200),
    job_id         VARCHAR(64),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    info           VARCHAR NOT NULL
);

CREATE TABLE uploads (
    id             VARCHAR(64) PRIMARY KEY,
    record_version INT NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    info           VARCHAR NOT NULL
);
