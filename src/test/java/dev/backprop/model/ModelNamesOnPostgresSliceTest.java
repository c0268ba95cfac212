package dev.backprop.model;

import dev.backprop.RecordStoreSlice;

/** The registry's records on PostgreSQL, the shared mode's database. */
@RecordStoreSlice
@RecordStoreSlice.OnPostgres
class ModelNamesOnPostgresSliceTest extends ModelNamesBehaviour {}
