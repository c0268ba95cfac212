package dev.backprop.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bookkeeping of one sweep, free of how trials run: which trials to start (at most {@code parallel}
 * at once, {@code trials} in all), what early stopping makes of each epoch, and the totals. Trial
 * {@code i} is proposed only once every trial before {@code i − parallel + 1} has finished and from
 * exactly those results, so a model-based strategy proposes the same trials for the same seed however
 * the running trials interleave. Not thread-safe: one coordinator drives it.
 */
public final class SweepSchedule {

    /** How a trial ended. */
    public enum Ending {
        COMPLETED,
        STOPPED,
        FAILED,
        CANCELLED
    }

    /** One trial as the schedule knows it. */
    public static final class Trial {
        private final int index;
        private final Map<String, Object> parameters;
        private final List<Double> objectiveByEpoch = new ArrayList<>();
        private Ending ending;
        private EarlyStopping.Decision stop;

        Trial(int index, Map<String, Object> parameters) {
            this.index = index;
            this.parameters = parameters;
        }

        public int index() {
            return index;
        }

        public Map<String, Object> parameters() {
            return parameters;
        }

        /** The objective's value after each epoch so far. */
        public List<Double> objectiveByEpoch() {
            return List.copyOf(objectiveByEpoch);
        }

        /** The objective of the last epoch trained: the epoch whose weights the trial's model holds. */
        public Double objective() {
            return objectiveByEpoch.isEmpty() ? null : objectiveByEpoch.get(objectiveByEpoch.size() - 1);
        }

        public Ending ending() {
            return ending;
        }

        /** Where and why early stopping stopped it, or null. */
        public EarlyStopping.Decision stop() {
            return stop;
        }
    }

    private final ProposalStrategy strategy;
    private final EarlyStopping stopping;
    private final Objective objective;
    private final int trials;
    private final int parallel;
    private final int epochsPerTrial;
    private final Map<Integer, Trial> started = new TreeMap<>();

    public SweepSchedule(
            ProposalStrategy strategy,
            EarlyStopping stopping,
            Objective objective,
            int trials,
            int parallel,
            int epochsPerTrial) {
        this.strategy = strategy;
        this.stopping = stopping;
        this.objective = objective;
        this.trials = trials;
        this.parallel = parallel;
        this.epochsPerTrial = epochsPerTrial;
    }

    /** The trials to start now, newly proposed; empty when the budget is spent or the slots are full. */
    public List<Trial> startable() {
        List<Trial> starting = new ArrayList<>();
        while (started.size() < trials && running() < parallel && inputsReady(started.size())) {
            int index = started.size();
            Trial trial = new Trial(index, strategy.propose(index, observationsBefore(index - parallel + 1)));
            started.put(index, trial);
            starting.add(trial);
        }
        return starting;
    }

    /** Records trial {@code index}'s epoch and asks early stopping whether it goes on. */
    public EarlyStopping.Decision epochFinished(int index, int epoch, double metricValue) {
        Trial trial = started.get(index);
        trial.objectiveByEpoch.add(metricValue);
        if (epoch >= epochsPerTrial) {
            return new EarlyStopping.Decision(false, 0, null);
        }
        EarlyStopping.Decision decision = stopping.report(index, epoch, objective.score(metricValue));
        if (decision.stop()) {
            trial.stop = decision;
        }
        return decision;
    }

    /** Trial {@code index} has ended; a stopped trial ends {@link Ending#STOPPED}, whatever its job says. */
    public void trialFinished(int index, Ending ending) {
        Trial trial = started.get(index);
        trial.ending = trial.stop != null && ending != Ending.FAILED ? Ending.STOPPED : ending;
    }

    /** True when every trial of the budget has started and ended. */
    public boolean done() {
        return started.size() == trials && running() == 0;
    }

    public List<Trial> trials() {
        return List.copyOf(started.values());
    }

    /**
     * Puts back a trial recorded before (after a restart or a take-over) as it stood, replaying its
     * epochs through early stopping so that the rungs hold what they held.
     */
    public void restore(int index, Map<String, Object> parameters, List<Double> objectiveByEpoch, Ending ending) {
        Trial trial = new Trial(index, parameters);
        started.put(index, trial);
        for (int epoch = 1; epoch <= objectiveByEpoch.size(); epoch++) {
            epochFinished(index, epoch, objectiveByEpoch.get(epoch - 1));
        }
        trial.ending = ending;
    }

    /** The trial with the best objective among those that completed (and so have a model), or null. */
    public Trial best() {
        Trial best = null;
        for (Trial trial : started.values()) {
            boolean counts = trial.ending == Ending.COMPLETED;
            if (counts
                    && trial.objective() != null
                    && (best == null || objective.score(trial.objective()) > objective.score(best.objective()))) {
                best = trial;
            }
        }
        return best;
    }

    public int epochsTrained() {
        return started.values().stream()
                .mapToInt(t -> t.objectiveByEpoch.size())
                .sum();
    }

    /** Epochs early stopping spared: what each stopped trial would still have trained. */
    public int epochsSaved() {
        return started.values().stream()
                .filter(t -> t.stop != null)
                .mapToInt(t -> epochsPerTrial - t.stop.epoch())
                .sum();
    }

    private int running() {
        return (int) started.values().stream().filter(t -> t.ending == null).count();
    }

    /** Whether every trial a proposal for {@code index} learns from has ended. */
    private boolean inputsReady(int index) {
        for (int before = 0; before < index - parallel + 1; before++) {
            if (started.get(before).ending == null) {
                return false;
            }
        }
        return true;
    }

    private List<Observation> observationsBefore(int end) {
        List<Observation> observations = new ArrayList<>();
        for (int k = 0; k < end; k++) {
            Trial trial = started.get(k);
            if (trial.objective() != null && trial.ending != Ending.FAILED && trial.ending != Ending.CANCELLED) {
                observations.add(new Observation(trial.parameters, objective.score(trial.objective())));
            }
        }
        return observations;
    }
}
