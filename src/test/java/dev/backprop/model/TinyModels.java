package dev.backprop.model;

import dev.backprop.engine.Architecture;
import dev.backprop.engine.Initializer;
import dev.backprop.engine.Network;
import java.time.Instant;
import java.util.Random;

/** Small untrained models for the web slices: a real network and classifier, made in microseconds. */
public final class TinyModels {

    private TinyModels() {}

    /** A model of these layer sizes, seeded so that its answers repeat; {@code name} and {@code version} may be null. */
    public static StoredModel of(String id, String name, Integer version, int... layers) {
        Network network = Network.create(Architecture.of(layers), Initializer.NORMAL, new Random(1));
        ModelInfo info = new ModelInfo(
                id,
                name,
                null,
                "mnist",
                Instant.parse("2026-12-05T08:00:00Z"),
                network.architecture().sizes(),
                "sigmoid",
                "sigmoid",
                "quadratic",
                false,
                network.parameterCount(),
                null,
                null,
                0,
                0,
                ModelFile.VERSION);
        return new StoredModel(version == null ? info : info.withVersion(version), network);
    }

    public static StoredModel of(String id, int... layers) {
        return of(id, null, null, layers);
    }
}
