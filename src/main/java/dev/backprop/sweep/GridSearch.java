package dev.backprop.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every combination of the parameters' values, in the order {@code itertools.product} gives them:
 * the last parameter changes fastest. Only {@code choice} and {@code intUniform} parameters have values
 * a grid can walk.
 */
public final class GridSearch implements ProposalStrategy {

    private final SearchSpace space;
    private final long size;

    public GridSearch(SearchSpace space) {
        this.space = space;
        this.size = space.gridSize();
        if (size < 0) {
            throw new InvalidSweepException(
                    "strategy: grid needs choice or intUniform parameters; uniform and logUniform ranges have no grid");
        }
    }

    public long size() {
        return size;
    }

    @Override
    public Map<String, Object> propose(int index, List<Observation> finished) {
        if (index >= size) {
            throw new IllegalArgumentException("the grid has only " + size + " points");
        }
        List<String> names = space.names();
        Object[] values = new Object[names.size()];
        long rest = index;
        for (int p = names.size() - 1; p >= 0; p--) {
            Domain domain = space.parameters().get(names.get(p));
            values[p] = domain.gridValue(rest % domain.gridValues());
            rest /= domain.gridValues();
        }
        Map<String, Object> proposal = new LinkedHashMap<>();
        for (int p = 0; p < names.size(); p++) {
            proposal.put(names.get(p), values[p]);
        }
        return proposal;
    }
}
