-- The lists are read a page at a time, newest first with the id breaking ties (see paging.Cursor):
-- an index in that order lets a page start at its cursor instead of sorting the whole table.
CREATE INDEX jobs_by_creation ON jobs (created_at DESC, id);
CREATE INDEX models_by_creation ON models (created_at DESC, id);
CREATE INDEX sweeps_by_creation ON sweeps (created_at DESC, id);
