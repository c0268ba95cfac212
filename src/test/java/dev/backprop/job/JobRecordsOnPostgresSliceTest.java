package dev.backprop.job;

import dev.backprop.RecordStoreSlice;

/** The job records on PostgreSQL, the shared mode's database. */
@RecordStoreSlice
@RecordStoreSlice.OnPostgres
class JobRecordsOnPostgresSliceTest extends JobRecordsBehaviour {}
