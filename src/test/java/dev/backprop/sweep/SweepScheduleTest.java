package dev.backprop.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sweep's bookkeeping: which trials start when, from which results, and the totals. */
class SweepScheduleTest {

    /** Proposes {"n": index} and remembers how many results each proposal saw. */
    private static final class Recording implements ProposalStrategy {
        final List<Integer> seen = new ArrayList<>();

        @Override
        public Map<String, Object> propose(int index, List<Observation> finished) {
            seen.add(finished.size());
            return Map.of("n", index);
        }
    }

    private static List<Integer> indices(List<SweepSchedule.Trial> trials) {
        return trials.stream().map(SweepSchedule.Trial::index).toList();
    }

    @Test
    void startsAtMostParallelTrialsEachFromTheResultsOfAllButTheLastParallelOnes() {
        Recording strategy = new Recording();
        SweepSchedule schedule = new SweepSchedule(strategy, EarlyStopping.NONE, Objective.defaultObjective(), 5, 2, 2);

        assertThat(indices(schedule.startable())).containsExactly(0, 1);
        assertThat(schedule.startable()).isEmpty();

        // Trial 1 ends first, but trial 2 learns from trial 0, so it waits for it.
        schedule.epochFinished(1, 1, 0.8);
        schedule.trialFinished(1, SweepSchedule.Ending.COMPLETED);
        assertThat(schedule.startable()).isEmpty();

        schedule.epochFinished(0, 1, 0.7);
        schedule.trialFinished(0, SweepSchedule.Ending.COMPLETED);
        assertThat(indices(schedule.startable())).containsExactly(2, 3);

        schedule.trialFinished(2, SweepSchedule.Ending.FAILED);
        schedule.trialFinished(3, SweepSchedule.Ending.COMPLETED);
        assertThat(indices(schedule.startable())).containsExactly(4);
        schedule.trialFinished(4, SweepSchedule.Ending.COMPLETED);
        assertThat(schedule.done()).isTrue();
        // Trial i saw the results of trials 0 … i − 2, less the failed trial 2.
        assertThat(strategy.seen).containsExactly(0, 0, 1, 2, 2);
    }

    @Test
    void earlyStoppingStopsTrialsAndTheTotalsCountWhatItSaved() {
        SweepSchedule schedule = new SweepSchedule(
                new Recording(),
                new SuccessiveHalving(1, 2, 4, "validationAccuracy"),
                Objective.defaultObjective(),
                3,
                1,
                4);
        double[][] curves = {{0.6, 0.7, 0.8, 0.85}, {0.5, 0.9, 0.9, 0.9}, {0.7, 0.72, 0.74, 0.95}};
        for (int trial = 0; trial < 3; trial++) {
            assertThat(indices(schedule.startable())).containsExactly(trial);
            for (int epoch = 1; epoch <= 4; epoch++) {
                if (schedule.epochFinished(trial, epoch, curves[trial][epoch - 1])
                        .stop()) {
                    break;
                }
            }
            schedule.trialFinished(trial, SweepSchedule.Ending.COMPLETED);
        }
        // Rungs at 1 and 2 epochs (η = 2, below 4). Trial 1 (0.5) is below 0.6 at rung 1: stopped after
        // epoch 1, saving 3. Trial 2 goes past rung 1 (0.7 ≥ 0.6) and rung 2 (0.72 ≥ 0.7) and wins.
        List<SweepSchedule.Trial> trials = schedule.trials();
        assertThat(trials.get(1).ending()).isEqualTo(SweepSchedule.Ending.STOPPED);
        assertThat(trials.get(1).stop().epoch()).isEqualTo(1);
        assertThat(trials.get(1).objectiveByEpoch()).containsExactly(0.5);
        assertThat(trials.get(2).ending()).isEqualTo(SweepSchedule.Ending.COMPLETED);
        assertThat(schedule.epochsTrained()).isEqualTo(4 + 1 + 4);
        assertThat(schedule.epochsSaved()).isEqualTo(3);
        assertThat(schedule.best().index()).isEqualTo(2);
    }

    @Test
    void aLossToMinimiseMakesTheLowestTheBest() {
        SweepSchedule schedule = new SweepSchedule(
                new Recording(), EarlyStopping.NONE, Objective.of(Objective.Metric.VALIDATION_LOSS, null), 2, 2, 1);
        schedule.startable();
        schedule.epochFinished(0, 1, 0.30);
        schedule.epochFinished(1, 1, 0.20);
        schedule.trialFinished(0, SweepSchedule.Ending.COMPLETED);
        schedule.trialFinished(1, SweepSchedule.Ending.COMPLETED);
        assertThat(schedule.best().index()).isEqualTo(1);
        assertThat(Objective.of(Objective.Metric.VALIDATION_LOSS, null).goal()).isEqualTo(Objective.Goal.MINIMIZE);
    }
}
