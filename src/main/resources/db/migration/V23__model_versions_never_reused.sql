-- Registry versions are never reused: each name's counter only grows, so deleting the latest version
-- does not hand its number (and whatever pointed at it) to the next model. An alias can only point at
-- a version that exists: the foreign key refuses one set while the version is deleted, and deleting a
-- version deletes its aliases in the same statement.

CREATE TABLE model_names (
    name         VARCHAR(200) PRIMARY KEY,
    last_version INT NOT NULL
);
INSERT INTO model_names (name, last_version)
    SELECT name, MAX(version) FROM models WHERE name IS NOT NULL AND version IS NOT NULL GROUP BY name;

DELETE FROM model_aliases WHERE NOT EXISTS
    (SELECT 1 FROM models m WHERE m.name = model_aliases.name AND m.version = model_aliases.version);
DROP INDEX models_by_name_version;
ALTER TABLE models ADD CONSTRAINT models_name_version UNIQUE (name, version);
ALTER TABLE model_aliases ADD CONSTRAINT model_aliases_version
    FOREIGN KEY (name, version) REFERENCES models (name, version) ON DELETE CASCADE;
