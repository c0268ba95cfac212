-- Interruptions in a row with no epoch finished between, so that a job whose every start dies is failed.
ALTER TABLE jobs ADD COLUMN interruptions INT NOT NULL DEFAULT 0;
