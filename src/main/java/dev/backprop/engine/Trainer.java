package dev.backprop.engine;

import dev.backprop.engine.TrainingResult.Outcome;
import dev.backprop.engine.kernels.Loops;
import dev.backprop.engine.kernels.NativeBlas;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mini-batch gradient descent over epochs, as the seed's {@code SGD(training_data, epochs,
 * mini_batch_size, eta, test_data)}: each epoch shuffles the training examples, takes one step per
 * mini-batch, then measures the network on the validation and test examples.
 *
 * <p>Randomness is all seeded: {@code Random(seed)} draws the initial weights, then the validation
 * split; epoch {@code e} shuffles, drops out and distorts its images with generators derived from the
 * seed and {@code e}, so an epoch can be replayed on its own. Its learning rate is the schedule's for
 * {@code e} alone, so a resumed run goes on along the same schedule.
 */
public final class Trainer {

    private final TrainingConfig config;
    private final int threads;
    /** Whether the run times its first steps on one thread and on two and keeps the faster. */
    private final boolean choosing;
    /** Null: no per-layer diagnostics. */
    private final DiagnosticsSettings diagnostics;

    /** A trainer that computes on the calling thread alone. */
    public Trainer(TrainingConfig config) {
        this(config, 1);
    }

    /**
     * A trainer that uses up to {@code threads} threads (1 or 2) for each mini-batch. The weights and
     * metrics do not depend on how many: both threads do the same arithmetic in the same order as one.
     */
    public Trainer(TrainingConfig config, int threads) {
        this(config, threads, null, false);
    }

    /**
     * As {@link #Trainer(TrainingConfig, int)}, also reporting every layer's {@link Diagnosis} to the
     * monitor: before the first epoch, at the end of every epoch and every {@code everySteps} steps.
     *
     * @param diagnostics what to measure, or null for nothing
     */
    public Trainer(TrainingConfig config, int threads, DiagnosticsSettings diagnostics) {
        this(config, threads, diagnostics, false);
    }

    private Trainer(TrainingConfig config, int threads, DiagnosticsSettings diagnostics, boolean choosing) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.config = config;
        this.threads = threads;
        this.diagnostics = diagnostics;
        this.choosing = choosing;
    }

    /**
     * A trainer that times its run's first steps on one thread and on two and trains the rest on the
     * faster ({@link ThreadCalibration}), telling its monitor which and why. The weights are the same as
     * on either fixed number of threads.
     *
     * @param diagnostics what to measure, or null for nothing
     */
    public static Trainer choosingThreads(TrainingConfig config, DiagnosticsSettings diagnostics) {
        return new Trainer(config, 2, diagnostics, true);
    }

    /**
     * The kernels this trainer's runs use on this JVM: the engine's loops (vector or plain), whether the
     * dense products go through the native BLAS (wide layers and batches of 32 or more, where it loaded),
     * and how many threads share each mini-batch step.
     */
    public TrainingKernels kernels() {
        NativeBlas blas = MiniBatchStep.nativeBlasFor(config);
        return new TrainingKernels(
                Loops.name(), blas == null ? null : blas.name(), MiniBatchStep.threadsFor(config, threads, blas));
    }

    /**
     * Trains a new network on {@code training} and reports every epoch to {@code monitor}.
     *
     * @param test examples measured after every epoch, or null
     * @throws TrainingDivergedException when the loss becomes NaN or infinite
     */
    public TrainingResult train(ExampleSet training, ExampleSet test, TrainingMonitor monitor) {
        Random random = new Random(config.seed());
        Network network = Network.create(config.architecture(), config.initializer(), random);
        Split split = Split.of(training.count(), config.trainLimit(), config.validationSize(), random);
        return run(
                new TrainingRun(network, new ArrayList<>(), null, 0, Double.NEGATIVE_INFINITY),
                null,
                training,
                split,
                test,
                monitor);
    }

    /**
     * Goes on from a checkpoint of a run with this trainer's configuration, as if it had never stopped.
     *
     * @throws IllegalArgumentException when the checkpoint's network is not of this configuration's shape
     */
    public TrainingResult resume(Checkpoint checkpoint, ExampleSet training, ExampleSet test, TrainingMonitor monitor) {
        if (!checkpoint.network().architecture().equals(config.architecture())) {
            throw new IllegalArgumentException("the checkpoint's network is "
                    + checkpoint.network().architecture() + ", not " + config.architecture());
        }
        // Replays the draws made before the first epoch, so the validation split comes out the same.
        Random random = new Random(config.seed());
        Network.create(config.architecture(), config.initializer(), random);
        Split split = Split.of(training.count(), config.trainLimit(), config.validationSize(), random);
        List<EpochResult> epochs = new ArrayList<>();
        for (EpochResult epoch : checkpoint.epochs()) {
            // A checkpoint of format 1 kept no rates: its runs had none but the optimiser's.
            epochs.add(
                    Double.isNaN(epoch.learningRate())
                            ? epoch.withLearningRate(config.learningRate(epoch.epoch()))
                            : epoch);
        }
        TrainingRun run = new TrainingRun(
                checkpoint.network(), epochs, checkpoint.best(), checkpoint.bestEpoch(), checkpoint.bestAccuracy());
        return run(run, checkpoint, training, split, test, monitor);
    }

    private TrainingResult run(
            TrainingRun run,
            Checkpoint restored,
            ExampleSet training,
            Split split,
            ExampleSet test,
            TrainingMonitor monitor) {
        config.architecture().checkFits(training);
        Network network = run.network;
        int[] order = split.train().clone();
        int perEpoch = order.length;
        TrainingRun.Data data =
                new TrainingRun.Data(training, split, test, test == null ? null : Split.all(test.count()), monitor);
        int stepsPerEpoch = (perEpoch + config.batchSize() - 1) / config.batchSize();
        ProbeDiagnostics probe = diagnostics == null
                ? null
                : new ProbeDiagnostics(
                        network, config.loss(), training, ProbeDiagnostics.probeOf(split.train(), diagnostics));
        if (probe != null && run.epochs.isEmpty()) {
            monitor.diagnosed(probe.measure(0, 0, false));
        }
        String settled = choosing
                ? ThreadCalibration.settledWithout(config, Runtime.getRuntime().availableProcessors())
                : null;
        MiniBatchStep step = new MiniBatchStep(network, config, perEpoch, settled == null ? threads : 1);
        int first = restored == null ? 1 : restored.epoch() + 1;
        ThreadCalibration calibration = choosing && step.threads() == 2
                ? new ThreadCalibration(perEpoch, config.batchSize(), config.epochs() - first + 1)
                : null;
        if (settled != null) {
            TrainingKernels kernels = kernels();
            monitor.threadsChosen(new TrainingKernels(kernels.loops(), kernels.nativeBlas(), 1), settled);
        }
        try (EpochImages epochImages = new EpochImages(
                training, split.train(), config.augmentation(), this::distortionSeed, config.epochs())) {
            if (restored != null) {
                step.restore(restored.states());
            }
            for (int epoch = first; epoch <= config.epochs(); epoch++) {
                Random random = epochRandom(epoch);
                double rate = config.learningRate(epoch);
                step.learningRate(rate);
                if (calibration != null) {
                    calibration.epochStarting();
                }
                long started = System.nanoTime();
                ExampleSet images = epochImages.forEpoch(epoch);
                System.arraycopy(epochImages.examples(), 0, order, 0, perEpoch);
                Split.shuffle(order, random);
                double lossSum = 0;
                int correct = 0;
                for (int from = 0; from < perEpoch; from += config.batchSize()) {
                    if (monitor.stopRequested()) {
                        return new TrainingResult(network, run.epochs, Outcome.CANCELLED, epoch - 1);
                    }
                    int count = Math.min(config.batchSize(), perEpoch - from);
                    long stepNumber = (long) (epoch - 1) * stepsPerEpoch + from / config.batchSize() + 1;
                    boolean measuredStep = probe != null && diagnostics.measuresStep(stepNumber);
                    if (probe != null) {
                        probe.beforeStep(measuredStep || from + count == perEpoch);
                    }
                    MiniBatchStep.Outcome outcome;
                    if (calibration == null) {
                        outcome = step.train(images, order, from, count, random);
                    } else {
                        step.solo(calibration.nextSolo());
                        long stepStarted = System.nanoTime();
                        outcome = step.train(images, order, from, count, random);
                        if (calibration.stepTimed(count, System.nanoTime() - stepStarted)) {
                            step = calibration.keep(step, t -> new MiniBatchStep(network, config, perEpoch, t), rate);
                            TrainingKernels kernels = kernels();
                            monitor.threadsChosen(
                                    new TrainingKernels(kernels.loops(), kernels.nativeBlas(), step.threads()),
                                    calibration.choice().reason());
                            calibration = null;
                        }
                    }
                    if (!Double.isFinite(outcome.loss())) {
                        throw new TrainingDivergedException(epoch, outcome.loss());
                    }
                    lossSum += outcome.loss();
                    correct += outcome.correct();
                    if (measuredStep) {
                        long measuring = System.nanoTime();
                        monitor.diagnosed(probe.measure(epoch, stepNumber, false));
                        started += System.nanoTime() - measuring; // not training time
                    }
                    monitor.batchFinished(epoch, from + count, perEpoch);
                }
                long duration = System.nanoTime() - started;
                if (!config.measures(epoch)) {
                    // Thousands of short epochs (a learning curve's smallest sizes) would spend far
                    // more on measuring and checkpointing than on training.
                    continue;
                }
                if (probe != null) {
                    monitor.diagnosed(probe.measure(epoch, (long) epoch * stepsPerEpoch, true));
                }
                TrainingResult stopped = run.endEpoch(
                        new TrainingRun.Trained(epoch, lossSum, correct, perEpoch, duration, rate), config, data, step);
                if (stopped != null) {
                    return stopped;
                }
            }
            return run.completed(config.epochs());
        } finally {
            step.close();
        }
    }

    private Random epochRandom(int epoch) {
        return new Random(config.seed() * 0x9E3779B97F4A7C15L + epoch);
    }

    /** The seed of epoch {@code epoch}'s distortions, apart from its shuffle's. */
    private long distortionSeed(int epoch) {
        return (config.seed() ^ 0xD1B54A32D192ED03L) * 0x9E3779B97F4A7C15L + epoch;
    }
}
