package dev.backprop.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.backprop.BackpropClient;
import dev.backprop.RealMnistService;
import dev.backprop.RunningService;
import dev.backprop.dataset.RealMnist;
import dev.backprop.engine.ExampleSet;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import dev.backprop.model.ModelInfo;
import dev.backprop.model.PictureParts;
import dev.backprop.model.PredictionResponse;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/**
 * Models leave the service and run elsewhere as they ran inside it: the ONNX export in ONNX Runtime and
 * the network2 export in network2.py's NumPy forward pass give {@code /predict}'s labels (and, for ONNX,
 * its probabilities within 1e-5) on 1,000 real test digits; a network2.py file comes back in and
 * predicts as network2.py does; a native file round-trips exactly. A sigmoid-output network whose ten
 * outputs all underflow on some digits answers finite probabilities on all 10,000, here and in ONNX Runtime.
 */
class ExportedModelsRunElsewhereTest {

    private static final int DIGITS = 1000;
    private static final String SEED = """
            {"name": "seed network", "layers": [784, 30, 10], "epochs": 3, "seed": 1}""";
    private static final String BATCH_NORM_RELU = """
            {"name": "bn relu", "layers": [784, 100, 10], "hiddenActivation": "relu", "outputActivation": "softmax",
             "loss": "cross_entropy", "optimizer": "adam", "learningRate": 0.001, "batchSize": 64, "epochs": 1,
             "init": "he", "batchNorm": true, "seed": 2}""";

    /**
     * Softplus hidden units, sigmoid outputs, RMSprop with a large step: on a few test digits every
     * output's z falls below −87, where σ underflows to 0 in float and σᵢ/Σσ taken literally is 0/0.
     */
    private static final String UNDERFLOWING = """
            {"name": "underflow", "layers": [784, 30, 10], "hiddenActivation": "softplus",
             "outputActivation": "sigmoid", "loss": "cross_entropy", "optimizer": "rmsprop",
             "learningRate": 0.03, "epochs": 2, "seed": 1}""";

    /** Where σ(z) drops below the smallest normal float and the engine flushes it to 0. */
    private static final double UNDERFLOW_Z = Math.log(Float.MIN_NORMAL);

    private static RunningService service;
    private static BackpropClient backprop;
    private static List<int[]> digits;

    @BeforeAll
    static void startService() {
        digits = testDigits(DIGITS);
        service = RealMnistService.get();
        backprop = new BackpropClient(service.client());
    }

    @Test
    void onnxRuntimeAgreesWithPredictOnTheSeedNetwork() throws OrtException {
        assertOnnxAgrees(train(SEED));
    }

    @Test
    void onnxRuntimeAgreesWithPredictOnABatchNormalisedReluNetwork() throws OrtException {
        assertOnnxAgrees(train(BATCH_NORM_RELU));
    }

    @Test
    void sigmoidOutputsThatAllUnderflowStillGiveFiniteProbabilitiesHereAndInOnnxRuntime() throws Exception {
        String model = train(UNDERFLOWING);
        List<int[]> all = testDigits(RealMnist.load().test().count());
        byte[] onnx = download(model, "onnx");
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(withOutput(onnx, "z2"), new OrtSession.SessionOptions());
                OnnxTensor pixels = OnnxTensor.createTensor(
                        environment, FloatBuffer.wrap(flatten(all)), new long[] {all.size(), 784});
                OrtSession.Result result = session.run(Map.of("pixels", pixels))) {
            float[][] z = (float[][]) result.get("z2").orElseThrow().getValue();
            float[][] onnxProbabilities =
                    (float[][]) result.get("probabilities").orElseThrow().getValue();
            long[] onnxLabels = (long[]) result.get("label").orElseThrow().getValue();
            int underflowing = 0;
            List<PredictionResponse> predictions = new ArrayList<>();
            for (int from = 0; from < all.size(); from += DIGITS) {
                predictions.addAll(backprop.predictBatch(model, all.subList(from, from + DIGITS))
                        .predictions());
            }
            for (int e = 0; e < all.size(); e++) {
                boolean allUnderflow = true;
                for (int k = 0; k < 10; k++) {
                    allUnderflow &= z[e][k] < UNDERFLOW_Z;
                    assertThat(predictions.get(e).probabilities()[k])
                            .as("digit %d", e)
                            .isFinite();
                    assertThat(onnxProbabilities[e][k])
                            .as("digit %d in ONNX Runtime", e)
                            .isFinite();
                }
                underflowing += allUnderflow ? 1 : 0;
                assertThat(predictions.get(e).confidence()).isFinite();
                assertThat(onnxLabels[e])
                        .as("label of digit %d", e)
                        .isEqualTo(predictions.get(e).label());
            }
            System.out.printf(
                    "Sigmoid outputs that all underflow on %d of %d test digits: every probability finite, "
                            + "ONNX Runtime gives /predict's label on all%n",
                    underflowing, all.size());
            assertThat(underflowing)
                    .as("digits whose ten outputs all underflow")
                    .isPositive();
        }
    }

    @Test
    void network2PyGivesTheSameLabelsAndItsOwnFilesComeBackIn(@TempDir Path dir) throws Exception {
        String model = train(SEED);
        Path exported = dir.resolve("seed.json");
        Files.write(exported, download(model, "network2"));

        assertThat(Network2Py.labels(exported, DIGITS)).isEqualTo(predictedLabels(model));

        Path written = dir.resolve("perturbed.json");
        List<Integer> pythonLabels = Network2Py.labelsOfPerturbedCopy(exported, written, DIGITS, 7);
        ModelInfo imported = importFile(written);
        assertThat(imported.layers()).containsExactly(784, 30, 10);
        assertThat(imported.loss()).isEqualTo("cross_entropy");
        assertThat(predictedLabels(imported.id())).isEqualTo(pythonLabels);
    }

    @Test
    void aNativeFileComesBackAsAModelThatPredictsBitForBitTheSame(@TempDir Path dir) throws Exception {
        String model = train(BATCH_NORM_RELU);
        Path file = dir.resolve("bn.model");
        Files.write(file, download(model, "backprop"));

        ModelInfo imported = importFile(file);

        assertThat(imported.id()).isNotEqualTo(model);
        assertThat(imported.layers())
                .isEqualTo(backprop.get(jobOf(model)).request().layers());
        List<int[]> some = digits.subList(0, 50);
        assertThat(probabilities(imported.id(), some)).isDeepEqualTo(probabilities(model, some));
    }

    private void assertOnnxAgrees(String model) throws OrtException {
        byte[] onnx = download(model, "onnx");
        float[] input = flatten(digits);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(onnx, new OrtSession.SessionOptions());
                OnnxTensor pixels =
                        OnnxTensor.createTensor(environment, FloatBuffer.wrap(input), new long[] {DIGITS, 784});
                OrtSession.Result result = session.run(Map.of("pixels", pixels))) {
            float[][] probabilities =
                    (float[][]) result.get("probabilities").orElseThrow().getValue();
            long[] labels = (long[]) result.get("label").orElseThrow().getValue();
            List<PredictionResponse> predictions =
                    backprop.predictBatch(model, digits).predictions();
            double worst = 0;
            for (int e = 0; e < DIGITS; e++) {
                assertThat(labels[e])
                        .as("label of digit %d", e)
                        .isEqualTo(predictions.get(e).label());
                for (int k = 0; k < 10; k++) {
                    worst = Math.max(
                            worst,
                            Math.abs(probabilities[e][k] - predictions.get(e).probabilities()[k]));
                }
            }
            System.out.printf(
                    "ONNX Runtime vs /predict on %d real digits: same labels, largest probability "
                            + "difference %.2e%n",
                    DIGITS, worst);
            assertThat(worst).isLessThanOrEqualTo(1e-5);
        }
    }

    private static List<int[]> testDigits(int count) {
        ExampleSet test = RealMnist.load().test();
        List<int[]> images = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            int[] pixels = new int[784];
            for (int i = 0; i < 784; i++) {
                pixels[i] = test.pixel(e, i);
            }
            images.add(pixels);
        }
        return images;
    }

    private static float[] flatten(List<int[]> images) {
        float[] input = new float[images.size() * 784];
        for (int e = 0; e < images.size(); e++) {
            for (int i = 0; i < 784; i++) {
                input[e * 784 + i] = images.get(e)[i];
            }
        }
        return input;
    }

    /** The exported graph with one of its inner values ({@code z2}: the output layer's z) as an output too. */
    private static byte[] withOutput(byte[] onnx, String value) throws java.io.IOException {
        ModelProto model = ModelProto.parseFrom(onnx);
        ValueInfoProto probabilities = model.getGraph().getOutput(0);
        ValueInfoProto extra = probabilities.toBuilder().setName(value).build();
        return model.toBuilder()
                .setGraph(model.getGraph().toBuilder().addOutput(extra))
                .build()
                .toByteArray();
    }

    private static String train(String request) {
        Job job = backprop.awaitFinished(backprop.submit(request).id(), Duration.ofMinutes(3));
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        return job.modelId();
    }

    private static String jobOf(String model) {
        return service.client()
                .get()
                .uri("/api/v1/models/{id}", model)
                .exchange()
                .expectBody(ModelInfo.class)
                .returnResult()
                .getResponseBody()
                .jobId();
    }

    private static byte[] download(String model, String format) {
        return service.client()
                .get()
                .uri("/api/v1/models/{id}/export?format={format}", model, format)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    private static ModelInfo importFile(Path file) throws java.io.IOException {
        PictureParts parts = PictureParts.files(file.getFileName().toString(), Files.readAllBytes(file));
        return service.client()
                .post()
                .uri("/api/v1/models")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts.build())
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(ModelInfo.class)
                .returnResult()
                .getResponseBody();
    }

    private static List<Integer> predictedLabels(String model) {
        return backprop.predictBatch(model, digits).predictions().stream()
                .map(PredictionResponse::label)
                .toList();
    }

    private static float[][] probabilities(String model, List<int[]> images) {
        return backprop.predictBatch(model, images).predictions().stream()
                .map(PredictionResponse::probabilities)
                .toArray(float[][]::new);
    }
}
