package dev.backprop.sweep;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Chooses each trial's hyperparameters. */
public interface ProposalStrategy {

    /** The parameters of trial {@code index} (from 0), given the trials finished so far. */
    Map<String, Object> propose(int index, List<Observation> finished);

    /**
     * The generator of trial {@code index}'s draws: from the sweep's seed and the index alone, so the
     * same sweep and seed draw the same values whatever order trials finish in.
     */
    static SplittableRandom randomFor(long seed, int index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    }
}
