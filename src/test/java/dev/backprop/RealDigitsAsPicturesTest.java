package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.dataset.RealMnist;
import dev.backprop.engine.ExampleSet;
import dev.backprop.evaluation.EvaluationReport;
import dev.backprop.image.Pictures;
import dev.backprop.job.EpochMetrics;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import dev.backprop.model.BatchPredictionResponse;
import dev.backprop.model.PictureBatchPredictionResponse;
import dev.backprop.model.PictureParts;
import dev.backprop.model.PredictionResponse;
import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The acceptance on the real MNIST: a seed network trained over REST recognises test digits
 * redrawn as ordinary pictures nearly as well as the raw arrays; /evaluate reports the job's last epoch;
 * the Open Inference Protocol gives the labels /predict gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealDigitsAsPicturesTest {

    private static final int DIGITS = 500;
    private static final int PER_REQUEST = 40;
    private static final String SEED_NETWORK = """
            {"name": "seed network", "dataset": "mnist", "layers": [784, 30, 10], "epochs": 3, "batchSize": 10,
             "learningRate": 3.0, "seed": 1}""";

    private RunningService service;
    private RestTestClient client;
    private ExampleSet test;
    private Job job;
    private int[] rawLabels;
    private double rawAccuracy;

    @BeforeAll
    void trainTheSeedNetworkOnRealMnist() {
        test = RealMnist.load().test();
        service = RealMnistService.get();
        client = service.client();
        BackpropClient backprop = new BackpropClient(client);
        job = backprop.awaitFinished(backprop.submit(SEED_NETWORK).id(), Duration.ofMinutes(3));
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);

        List<int[]> images = new ArrayList<>();
        for (int e = 0; e < DIGITS; e++) {
            images.add(pixels(e));
        }
        BatchPredictionResponse raw = backprop.predictBatch(job.modelId(), images);
        rawLabels =
                raw.predictions().stream().mapToInt(PredictionResponse::label).toArray();
        rawAccuracy = accuracy(rawLabels);
        System.out.printf("Raw 28×28 arrays, first %d test digits: accuracy %.3f%n", DIGITS, rawAccuracy);
    }

    @Test
    void blackInkOnWhiteAt280PixelsIsRecognisedAsWellAsTheRawArrays() {
        assertPicturesRecognised(
                "black on white, 280×280 PNG",
                e -> Pictures.png(onCanvas(e, 280, 280, 0, 0, Color.WHITE, Color.BLACK)));
    }

    @Test
    void blackInkOffCentreOnALargerColourCanvasIsRecognised() {
        assertPicturesRecognised(
                "off-centre on a 640×480 yellow canvas, PNG",
                e -> Pictures.png(onCanvas(
                        e, 640, 480, 20 + (e * 37) % 320, 10 + (e * 53) % 180, new Color(255, 236, 160), Color.BLACK)));
    }

    @Test
    void colouredInkSavedAsJpegIsRecognised() {
        assertPicturesRecognised(
                "blue ink on pale green, 500×400 JPEG",
                e -> Pictures.jpeg(
                        onCanvas(
                                e,
                                500,
                                400,
                                150 + (e * 29) % 60,
                                40 + (e * 17) % 60,
                                new Color(220, 245, 225),
                                new Color(30, 50, 170)),
                        0.85f));
    }

    @Test
    void evaluateOnTheTestSplitReportsTheJobsLastEpoch() {
        EvaluationReport report = client.post()
                .uri("/api/v1/models/{id}/evaluate", job.modelId())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("dataset", "mnist", "split", "test"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(EvaluationReport.class)
                .returnResult()
                .getResponseBody();

        EpochMetrics last = job.epochs().get(job.epochs().size() - 1);
        int total = Arrays.stream(report.confusionMatrix())
                .flatMapToInt(Arrays::stream)
                .sum();
        System.out.printf(
                "/evaluate: accuracy %.4f (last epoch %.4f), mean loss %.5f, %d examples in %d ms%n",
                report.accuracy(), last.testAccuracy(), report.meanLoss(), total, report.durationMs());
        assertThat(report.accuracy()).isEqualTo(last.testAccuracy());
        assertThat(report.meanLoss()).isEqualTo(last.testLoss());
        assertThat(total).isEqualTo(10_000);
        assertThat(report.hardestExamples()).hasSize(10);
        for (var mistake : report.hardestExamples()) {
            assertThat(mistake.label()).isEqualTo(test.label(mistake.index()));
        }
    }

    @Test
    void theInferenceProtocolGivesTheLabelsOfPredictInBothDatatypesAndShapes() {
        List<Integer> uint8 = new ArrayList<>(DIGITS * 784);
        List<List<List<Float>>> fp32 = new ArrayList<>();
        for (int e = 0; e < DIGITS; e++) {
            int[] pixels = pixels(e);
            List<List<Float>> rows = new ArrayList<>();
            for (int r = 0; r < 28; r++) {
                List<Float> row = new ArrayList<>();
                for (int c = 0; c < 28; c++) {
                    uint8.add(pixels[r * 28 + c]);
                    row.add(pixels[r * 28 + c] / 255f);
                }
                rows.add(row);
            }
            fp32.add(rows);
        }
        assertThat(inferLabels("UINT8", List.of(DIGITS, 784), uint8))
                .as("UINT8 [N,784]")
                .containsExactly(rawLabels);
        assertThat(inferLabels("FP32", List.of(DIGITS, 28, 28), fp32))
                .as("FP32 [N,28,28]")
                .containsExactly(rawLabels);
    }

    private int[] inferLabels(String datatype, List<Integer> shape, Object data) {
        JsonNode response = client.post()
                .uri("/v2/models/{id}/infer", job.modelId())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "inputs", List.of(Map.of("name", "input", "datatype", datatype, "shape", shape, "data", data)),
                        "outputs", List.of(Map.of("name", "label"))))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        JsonNode labels = response.get("outputs").get(0).get("data");
        int[] result = new int[labels.size()];
        for (int k = 0; k < result.length; k++) {
            result[k] = labels.get(k).asInt();
        }
        return result;
    }

    private void assertPicturesRecognised(String how, IntFunction<byte[]> picture) {
        int[] labels = new int[DIGITS];
        for (int from = 0; from < DIGITS; from += PER_REQUEST) {
            int count = Math.min(PER_REQUEST, DIGITS - from);
            Object[] files = new Object[2 * count];
            for (int k = 0; k < count; k++) {
                files[2 * k] = "digit-" + (from + k);
                files[2 * k + 1] = picture.apply(from + k);
            }
            PictureBatchPredictionResponse batch = client.post()
                    .uri("/api/v1/models/{id}/predict/batch", job.modelId())
                    .contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(PictureParts.files(files).build())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(PictureBatchPredictionResponse.class)
                    .returnResult()
                    .getResponseBody();
            for (int k = 0; k < count; k++) {
                labels[from + k] = batch.predictions().get(k).label();
            }
        }
        double accuracy = accuracy(labels);
        System.out.printf("%s: accuracy %.3f against %.3f on the raw arrays%n", how, accuracy, rawAccuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(rawAccuracy - 0.05);
    }

    /**
     * Test digit {@code e} redrawn as a picture: enlarged tenfold to 280×280 with bicubic smoothing, in
     * {@code ink} on a {@code width × height} canvas of {@code paper}, its top-left corner at (left, top).
     */
    private BufferedImage onCanvas(int e, int width, int height, int left, int top, Color paper, Color ink) {
        BufferedImage coverage = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
        for (int i = 0; i < 784; i++) {
            int alpha = test.pixel(e, i);
            coverage.setRGB(i % 28, i / 28, alpha << 24 | (ink.getRGB() & 0xFFFFFF));
        }
        return Pictures.draw(width, height, BufferedImage.TYPE_INT_RGB, paper, graphics -> {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            graphics.drawImage(coverage, left, top, 280, 280, null);
        });
    }

    private int[] pixels(int e) {
        int[] pixels = new int[784];
        for (int i = 0; i < 784; i++) {
            pixels[i] = test.pixel(e, i);
        }
        return pixels;
    }

    private double accuracy(int[] labels) {
        int right = 0;
        for (int e = 0; e < labels.length; e++) {
            if (labels[e] == test.label(e)) {
                right++;
            }
        }
        return (double) right / labels.length;
    }
}
