package dev.backprop.job;

import java.util.List;

/**
 * What a training job will hold in memory, estimated from its request before it is accepted: the
 * network's parameters with their copies (gradients, a transposed copy, the best epoch's weights, a
 * checkpoint) and the optimiser's state; the mini-batch buffers, several floats per unit per example;
 * and the dataset's pixels. Batch size is the term that grows fastest: 10,000 examples of a 4,000-unit
 * layer are 1.1 GB of buffers, in a network of only 3 M parameters.
 *
 * @param parameterBytes the parameters, their copies and the optimiser's state
 * @param batchBytes     the buffers of one mini-batch (inputs, pre-activations, activations, deltas,
 *                       batch norm's and dropout's own), and those of the diagnostics' probe
 * @param datasetBytes   the examples trained and tested on
 */
record TrainingMemory(long parameterBytes, long batchBytes, long datasetBytes) {

    private static final long MB = 1 << 20;

    /** Of the heap, the share jobs may take together; the rest serves predictions, uploads and the dataset cache. */
    static final double JOBS_SHARE = 0.75;

    /** The estimate for a request with defaults filled in, training on {@code examples} and testing on {@code tests}. */
    static TrainingMemory of(TrainingRequest request, int examples, int tests) {
        List<Integer> layers = request.layers();
        long parameters = 0;
        long units = 0;
        for (int l = 0; l + 1 < layers.size(); l++) {
            parameters += (long) layers.get(l) * layers.get(l + 1) + layers.get(l + 1);
            units += layers.get(l + 1);
        }
        int state = switch (request.optimizer()) {
            case SGD -> 0;
            case MOMENTUM, RMSPROP -> 1;
            case ADAM -> 2;
        };
        boolean norm = Boolean.TRUE.equals(request.batchNorm());
        boolean dropout = request.dropout() != null && request.dropout() > 0;
        int perUnit = 3 + (norm ? 2 : 0) + (dropout ? 2 : 0);
        long batch = (long) request.batchSize() * (layers.get(0) + units * perUnit) * Float.BYTES;
        // The probe runs as one batch without dropout, and keeps a gradient, Wᵀ and the weights before a step.
        // Read from the request as sent: this estimate runs beside validation, before its values are known good.
        DiagnosticsRequest diagnostics = request.diagnostics();
        boolean probing = diagnostics == null || diagnostics.enabled();
        int probeSize = diagnostics == null || diagnostics.probe() == null
                ? dev.backprop.engine.DiagnosticsSettings.DEFAULT_PROBE
                : Math.max(0, diagnostics.probe());
        long probe = probing ? Math.min(probeSize, examples) : 0;
        batch += probe * units * (perUnit - (dropout ? 2 : 0)) * Float.BYTES;
        int copies = probing ? 8 : 5;
        long pixels = (long) layers.get(0);
        return new TrainingMemory(
                (copies + state) * parameters * Float.BYTES, batch, ((long) examples + tests) * pixels * 2);
    }

    long total() {
        return parameterBytes + batchBytes + datasetBytes;
    }

    /** The most one job may take: its share of the heap's jobs' part. */
    static long budget(int concurrentJobs) {
        return (long) (Runtime.getRuntime().maxMemory() * JOBS_SHARE / Math.max(1, concurrentJobs));
    }

    String explain(long budget, int concurrentJobs) {
        return "needs about " + total() / MB + " MB of memory (parameters and optimiser state " + parameterBytes / MB
                + " MB, mini-batch buffers " + batchBytes / MB + " MB, dataset " + datasetBytes / MB
                + " MB), more than the " + budget / MB + " MB a job may have (" + (int) (JOBS_SHARE * 100)
                + "% of the " + Runtime.getRuntime().maxMemory() / MB + " MB heap, -Xmx, shared by "
                + concurrentJobs + " concurrent job(s), backprop.training.max-concurrent-jobs); use a smaller "
                + (batchBytes > parameterBytes ? "batchSize" : "network");
    }
}
