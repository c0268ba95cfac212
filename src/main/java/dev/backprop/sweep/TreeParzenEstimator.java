package dev.backprop.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al., 2011), univariate as Optuna's default sampler
 * has it. After {@code startup} random trials, the finished trials are split into the best quarter and
 * the rest; each parameter's values in the two groups become densities {@code l(x)} and {@code g(x)}
 * (Parzen windows: a Gaussian at each value, truncated to the range, plus a broad prior; smoothed
 * frequencies for a choice), and of 24 values drawn from {@code l} the one with the largest
 * {@code l(x)/g(x)} is proposed. Continuous values are modelled on a log scale for {@code logUniform}.
 */
public final class TreeParzenEstimator implements ProposalStrategy {

    static final double GOOD_FRACTION = 0.25;
    static final int CANDIDATES = 24;

    private final SearchSpace space;
    private final long seed;
    private final int startup;

    public TreeParzenEstimator(SearchSpace space, long seed, int startup) {
        this.space = space;
        this.seed = seed;
        this.startup = Math.max(2, startup);
    }

    @Override
    public Map<String, Object> propose(int index, List<Observation> finished) {
        SplittableRandom random = ProposalStrategy.randomFor(seed, index);
        if (finished.size() < startup) {
            return RandomSearch.draw(space, random);
        }
        List<Observation> ranked = new ArrayList<>(finished);
        ranked.sort(Comparator.comparingDouble(Observation::score).reversed());
        int good = Math.max(1, (int) Math.ceil(GOOD_FRACTION * ranked.size()));
        List<Observation> best = ranked.subList(0, good);
        List<Observation> rest = ranked.subList(good, ranked.size());
        Map<String, Object> proposal = new LinkedHashMap<>();
        space.parameters().forEach((name, domain) -> {
            List<Object> l = best.stream().map(o -> o.parameters().get(name)).toList();
            List<Object> g = rest.stream().map(o -> o.parameters().get(name)).toList();
            proposal.put(
                    name,
                    domain instanceof Domain.Choice choice
                            ? chooseCategory(choice, l, g, random)
                            : chooseNumber(domain, l, g, random));
        });
        return proposal;
    }

    private static Object chooseCategory(
            Domain.Choice choice, List<Object> good, List<Object> bad, SplittableRandom random) {
        int k = choice.values().size();
        double[] l = frequencies(choice, good);
        double[] g = frequencies(choice, bad);
        int bestIndex = -1;
        double bestRatio = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            int drawn = draw(l, random);
            double ratio = Math.log(l[drawn]) - Math.log(g[drawn]);
            if (ratio > bestRatio) {
                bestRatio = ratio;
                bestIndex = drawn;
            }
        }
        return choice.values().get(bestIndex < 0 ? random.nextInt(k) : bestIndex);
    }

    /** Each value's share among {@code observed}, with one extra count for every value (Laplace). */
    private static double[] frequencies(Domain.Choice choice, List<Object> observed) {
        double[] counts = new double[choice.values().size()];
        java.util.Arrays.fill(counts, 1);
        for (Object value : observed) {
            int at = choice.values().indexOf(value);
            if (at >= 0) {
                counts[at]++;
            }
        }
        double total = counts.length + observed.size();
        for (int c = 0; c < counts.length; c++) {
            counts[c] /= total;
        }
        return counts;
    }

    private static int draw(double[] weights, SplittableRandom random) {
        double u = random.nextDouble();
        for (int c = 0; c < weights.length - 1; c++) {
            u -= weights[c];
            if (u < 0) {
                return c;
            }
        }
        return weights.length - 1;
    }

    private static Object chooseNumber(Domain domain, List<Object> good, List<Object> bad, SplittableRandom random) {
        NumericScale scale = NumericScale.of(domain);
        ParzenWindows l = new ParzenWindows(scale.toModel(good), scale.low(), scale.high());
        ParzenWindows g = new ParzenWindows(scale.toModel(bad), scale.low(), scale.high());
        double best = Double.NaN;
        double bestRatio = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            double candidate = l.sample(random);
            double ratio = l.logDensity(candidate) - g.logDensity(candidate);
            if (ratio > bestRatio) {
                bestRatio = ratio;
                best = candidate;
            }
        }
        return scale.fromModel(best);
    }

    /** Where a numeric domain is modelled: the value itself, its logarithm, or a whole number's cell. */
    private record NumericScale(Domain domain, double low, double high) {
        static NumericScale of(Domain domain) {
            if (domain instanceof Domain.LogUniform log) {
                return new NumericScale(domain, Math.log(log.low()), Math.log(log.high()));
            }
            if (domain instanceof Domain.IntUniform ints) {
                return new NumericScale(domain, ints.low() - 0.5, ints.high() + 0.5);
            }
            Domain.Uniform uniform = (Domain.Uniform) domain;
            return new NumericScale(domain, uniform.low(), uniform.high());
        }

        double[] toModel(List<Object> values) {
            return values.stream()
                    .mapToDouble(v -> {
                        double x = ((Number) v).doubleValue();
                        return domain instanceof Domain.LogUniform ? Math.log(x) : x;
                    })
                    .toArray();
        }

        Object fromModel(double t) {
            if (domain instanceof Domain.LogUniform log) {
                return Math.min(log.high(), Math.max(log.low(), Math.exp(t)));
            }
            if (domain instanceof Domain.IntUniform ints) {
                return Math.min(ints.high(), Math.max(ints.low(), Math.round(t)));
            }
            return Math.min(high, Math.max(low, t));
        }
    }
}
