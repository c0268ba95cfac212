package dev.backprop.job;

import dev.backprop.RecordStoreSlice;

/** The job records on the embedded H2 the service uses by default. */
@RecordStoreSlice
@RecordStoreSlice.OnH2
class JobRecordsOnH2SliceTest extends JobRecordsBehaviour {}
