-- The model registry: each model of a name is the next version of it, and aliases point at versions
-- ("latest" is implied: the highest version). The unique index makes two replicas that store a model
-- of the same name at once take different versions: the loser retries.

ALTER TABLE models ADD COLUMN version INT;
CREATE UNIQUE INDEX models_by_name_version ON models (name, version);

CREATE TABLE model_aliases (
    name    VARCHAR(200) NOT NULL,
    alias   VARCHAR(100) NOT NULL,
    version INT NOT NULL,
    PRIMARY KEY (name, alias)
);
