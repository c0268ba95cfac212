package dev.backprop.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Each parameter drawn independently from its domain (Bergstra and Bengio's random search). */
public final class RandomSearch implements ProposalStrategy {

    private final SearchSpace space;
    private final long seed;

    public RandomSearch(SearchSpace space, long seed) {
        this.space = space;
        this.seed = seed;
    }

    @Override
    public Map<String, Object> propose(int index, List<Observation> finished) {
        return draw(space, ProposalStrategy.randomFor(seed, index));
    }

    static Map<String, Object> draw(SearchSpace space, SplittableRandom random) {
        Map<String, Object> proposal = new LinkedHashMap<>();
        space.parameters().forEach((name, domain) -> proposal.put(name, domain.sample(random)));
        return proposal;
    }
}
