package dev.backprop.sweep;

import dev.backprop.RecordStoreSlice;

/** The sweep records on PostgreSQL, the shared mode's database. */
@RecordStoreSlice
@RecordStoreSlice.OnPostgres
class SweepRecordsOnPostgresSliceTest extends SweepRecordsBehaviour {}
