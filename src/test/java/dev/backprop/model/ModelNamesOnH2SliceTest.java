package dev.backprop.model;

import dev.backprop.RecordStoreSlice;

/** The registry's records on the embedded H2 the service uses by default. */
@RecordStoreSlice
@RecordStoreSlice.OnH2
class ModelNamesOnH2SliceTest extends ModelNamesBehaviour {}
