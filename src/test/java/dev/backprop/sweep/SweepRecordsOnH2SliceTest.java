package dev.backprop.sweep;

import dev.backprop.RecordStoreSlice;

/** The sweep records on the embedded H2 the service uses by default. */
@RecordStoreSlice
@RecordStoreSlice.OnH2
class SweepRecordsOnH2SliceTest extends SweepRecordsBehaviour {}
