package dev.backprop.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Grid, random and TPE proposals, seeded, against expectations worked out by hand. */
class ProposalStrategiesTest {

    private static SearchSpace space(Object... namesAndDomains) {
        Map<String, Domain> parameters = new LinkedHashMap<>();
        for (int k = 0; k < namesAndDomains.length; k += 2) {
            parameters.put((String) namesAndDomains[k], (Domain) namesAndDomains[k + 1]);
        }
        return new SearchSpace(parameters);
    }

    @Test
    void aGridWalksEveryCombinationLastParameterFastest() {
        GridSearch grid = new GridSearch(
                space("batchSize", new Domain.Choice(List.of(16, 32)), "hidden", new Domain.IntUniform(5, 7)));
        assertThat(grid.size()).isEqualTo(6);
        List<List<Object>> proposals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            proposals.add(new ArrayList<>(grid.propose(i, List.of()).values()));
        }
        assertThat(proposals)
                .containsExactly(
                        List.of(16, 5L),
                        List.of(16, 6L),
                        List.of(16, 7L),
                        List.of(32, 5L),
                        List.of(32, 6L),
                        List.of(32, 7L));
    }

    @Test
    void aGridRefusesContinuousRanges() {
        assertThatThrownBy(() -> new GridSearch(space("learningRate", new Domain.LogUniform(1e-4, 1))))
                .isInstanceOf(InvalidSweepException.class)
                .hasMessageContaining("grid");
    }

    @Test
    void randomSearchDrawsTheSameTrialsForTheSameSeedWhateverHasFinished() {
        SearchSpace space = space(
                "learningRate", new Domain.LogUniform(1e-4, 1e-1),
                "l2", new Domain.Uniform(0, 5),
                "hidden", new Domain.IntUniform(30, 300),
                "layers", new Domain.Choice(List.of(List.of(784, 100, 10), List.of(784, 300, 10))));
        RandomSearch one = new RandomSearch(space, 1);
        RandomSearch same = new RandomSearch(space, 1);
        List<Observation> someResults = List.of(new Observation(Map.of(), 0.9));
        for (int i = 0; i < 20; i++) {
            assertThat(same.propose(i, someResults)).isEqualTo(one.propose(i, List.of()));
        }
        assertThat(new RandomSearch(space, 2).propose(0, List.of())).isNotEqualTo(one.propose(0, List.of()));
    }

    @Test
    void randomDrawsStayInTheirRangesAndLogUniformIsUniformInTheLogarithm() {
        SearchSpace space = space(
                "learningRate", new Domain.LogUniform(1e-4, 1),
                "l2", new Domain.Uniform(2, 3),
                "hidden", new Domain.IntUniform(1, 3));
        RandomSearch random = new RandomSearch(space, 7);
        int belowGeometricMean = 0;
        boolean[] hidden = new boolean[4];
        for (int i = 0; i < 4000; i++) {
            Map<String, Object> p = random.propose(i, List.of());
            double rate = (Double) p.get("learningRate");
            assertThat(rate).isBetween(1e-4, 1.0);
            assertThat((Double) p.get("l2")).isBetween(2.0, 3.0);
            long h = (Long) p.get("hidden");
            assertThat(h).isBetween(1L, 3L);
            hidden[(int) h] = true;
            if (rate < 1e-2) {
                belowGeometricMean++;
            }
        }
        // Half of the draws fall below √(1e−4 · 1) = 0.01; a uniform draw would put 1% there.
        assertThat(belowGeometricMean / 4000.0).isBetween(0.46, 0.54);
        assertThat(hidden).containsExactly(false, true, true, true);
    }

    @Test
    void tpeStartsAsRandomSearchThenConcentratesWhereTheScoresAreHigh() {
        // The choice matters most ("b" scores 1, "a" 0, "c" −1), then a learning rate near 0.01.
        SearchSpace space = space(
                "learningRate", new Domain.LogUniform(1e-5, 1), "kind", new Domain.Choice(List.of("a", "b", "c")));
        ToDoubleFunction<Map<String, Object>> score = p -> {
            double miss = Math.log10((Double) p.get("learningRate")) + 2;
            return List.of("c", "a", "b").indexOf(p.get("kind")) - 1 - 0.1 * miss * miss;
        };
        TreeParzenEstimator tpe = new TreeParzenEstimator(space, 3, 8);
        RandomSearch random = new RandomSearch(space, 3);
        List<Observation> tpeSeen = new ArrayList<>();
        List<Observation> randomSeen = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Map<String, Object> t = tpe.propose(i, tpeSeen);
            Map<String, Object> r = random.propose(i, randomSeen);
            if (i < 8) {
                assertThat(t).as("startup trial %d", i).isEqualTo(r);
            }
            tpeSeen.add(new Observation(t, score.applyAsDouble(t)));
            randomSeen.add(new Observation(r, score.applyAsDouble(r)));
        }
        double tpeLater = tpeSeen.subList(20, 40).stream()
                .mapToDouble(Observation::score)
                .average()
                .orElseThrow();
        double randomLater = randomSeen.subList(20, 40).stream()
                .mapToDouble(Observation::score)
                .average()
                .orElseThrow();
        long tpePicksB = tpeSeen.subList(20, 40).stream()
                .filter(o -> "b".equals(o.parameters().get("kind")))
                .count();
        double tpeMiss = tpeSeen.subList(20, 40).stream()
                .mapToDouble(o -> Math.abs(Math.log10((Double) o.parameters().get("learningRate")) + 2))
                .average()
                .orElseThrow();
        assertThat(tpeLater).isGreaterThan(randomLater + 0.5);
        assertThat(tpePicksB).isGreaterThan(15);
        assertThat(tpeMiss).isLessThan(1);
        // Seeded: the same observations give the same proposal.
        assertThat(new TreeParzenEstimator(space, 3, 8).propose(30, tpeSeen.subList(0, 30)))
                .isEqualTo(tpe.propose(30, tpeSeen.subList(0, 30)));
    }

    @Test
    void domainsRefuseEmptyOrInvertedRanges() {
        assertThatThrownBy(() -> new Domain.Choice(List.of())).isInstanceOf(InvalidSweepException.class);
        assertThatThrownBy(() -> new Domain.Uniform(3, 1)).hasMessageContaining("low ≤ high");
        assertThatThrownBy(() -> new Domain.LogUniform(0, 1)).hasMessageContaining("0 < low");
        assertThatThrownBy(() -> new Domain.IntUniform(10, 9)).isInstanceOf(InvalidSweepException.class);
        assertThatThrownBy(() -> new SearchSpace(Map.of())).hasMessageContaining("parameters");
    }
}
