package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.backprop.generated.ApiClient;
import dev.backprop.generated.ApiException;
import dev.backprop.generated.api.DatasetsApi;
import dev.backprop.generated.api.LookingInsideApi;
import dev.backprop.generated.api.ModelRegistryApi;
import dev.backprop.generated.api.ModelsApi;
import dev.backprop.generated.api.SweepsApi;
import dev.backprop.generated.api.TrainingJobsApi;
import dev.backprop.generated.model.AliasRequest;
import dev.backprop.generated.model.BatchPredictRequest;
import dev.backprop.generated.model.Dataset;
import dev.backprop.generated.model.EvaluationRequest;
import dev.backprop.generated.model.Job;
import dev.backprop.generated.model.JobEvent;
import dev.backprop.generated.model.JobEvent.EventEnum;
import dev.backprop.generated.model.Model;
import dev.backprop.generated.model.PicturePrediction;
import dev.backprop.generated.model.PredictRequest;
import dev.backprop.generated.model.Sweep;
import dev.backprop.generated.model.SweepRequest;
import dev.backprop.generated.model.TrainingRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop through the Java client that openapi-generator 7.25.0 ({@code java}, {@code native})
 * makes at build time from the document: submit, poll, events, predict (JSON, one and a batch), dataset
 * upload (IDX and CSV), a picture, evaluate, export ONNX as bytes, alias, versioned predict, sweep,
 * delete, 404, against the packaged jar.
 */
class GeneratedJavaClientIT {

    private static final List<Double> ONE = IntStream.range(0, 784)
            .mapToObj(i -> i / 28 >= 4 && i / 28 < 24 && i % 28 >= 13 && i % 28 < 16 ? 255.0 : 0.0)
            .toList();

    @TempDir
    Path work;

    @Test
    void theGeneratedJavaClientRunsTheWholeLoop() throws Exception {
        try (ServiceProcess service = ServiceProcess.onSyntheticDigits(work, 3000, 500)) {
            ApiClient client =
                    new ApiClient().setHost("127.0.0.1").setPort(service.port()).setScheme("http");
            TrainingJobsApi jobs = new TrainingJobsApi(client);
            ModelsApi models = new ModelsApi(client);

            Job job = jobs.submitJob(new TrainingRequest()
                    .name("java-client")
                    .layers(List.of(784, 30, 10))
                    .epochs(1)
                    .seed(1L));
            for (int tries = 0;
                    !Set.of("SUCCEEDED", "FAILED", "CANCELLED")
                            .contains(job.getStatus().getValue());
                    tries++) {
                assertThat(tries).isLessThan(600);
                Thread.sleep(200);
                job = jobs.getJob(job.getId());
            }
            assertThat(job.getStatus().getValue()).isEqualTo("SUCCEEDED");
            // listJobEvents, not streamJobEvents: the native library parses every answer as JSON, an event
            // stream too; the JSON form is what a new stream would send first.
            List<JobEvent> events = jobs.listJobEvents(job.getId());
            assertThat(events).extracting(JobEvent::getEvent).containsExactly(EventEnum.EPOCH, EventEnum.STATUS);
            assertThat(events.get(0).getEpoch().getTestAccuracy())
                    .isEqualTo(job.getEpochs().get(0).getTestAccuracy());
            assertThat(events.get(1).getJob().getStatus()).isEqualTo(job.getStatus());
            String model = job.getModelId();

            PicturePrediction one = models.predict(model, new PredictRequest().pixels(ONE));
            assertThat(one.getProbabilities()).hasSize(10);
            assertThat(models.predictBatch(model, new BatchPredictRequest().images(List.of(ONE, ONE)))
                            .getPredictions())
                    .hasSize(2)
                    .allSatisfy(p -> assertThat(p.getLabel()).isEqualTo(one.getLabel()));
            assertThat(models.evaluateModel(model, new EvaluationRequest().split(EvaluationRequest.SplitEnum.TEST))
                            .getAccuracy())
                    .isBetween(0.0, 1.0);
            Dataset uploaded = uploadedThrough(new DatasetsApi(client));
            PicturePrediction picture = pictureOfATestDigit(client, models, model, uploaded.getId());

            File onnx = models.exportModel(model, "onnx");
            assertThat(Files.size(onnx.toPath())).isGreaterThan(1000);

            Model info = models.getModel(model);
            new ModelRegistryApi(client)
                    .setModelAlias(info.getName(), "production", new AliasRequest().version(info.getVersion()));
            assertThat(models.predict(info.getName() + "@production", new PredictRequest().pixels(ONE))
                            .getLabel())
                    .isEqualTo(one.getLabel());
            assertThat(models.predictVersion(info.getName(), info.getVersion(), new PredictRequest().pixels(ONE))
                            .getLabel())
                    .isEqualTo(one.getLabel());
            assertThat(models.predictPictureVersion(info.getName(), info.getVersion(), digitPng.toFile())
                            .getProbabilities())
                    .isEqualTo(picture.getProbabilities());

            SweepsApi sweeps = new SweepsApi(client);
            Sweep sweep = sweeps.submitSweep(new SweepRequest()
                    .base(Map.of("layers", List.of(784, 10, 10), "epochs", 1, "trainLimit", 500, "validationSize", 100))
                    .parameters(Map.of("learningRate", Map.of("choice", List.of(1.0, 3.0))))
                    .strategy("grid")
                    .trials(2)
                    .seed(1L));
            for (int tries = 0; !Set.of("SUCCEEDED", "FAILED").contains(sweep.getStatus()); tries++) {
                assertThat(tries).isLessThan(600);
                Thread.sleep(200);
                sweep = sweeps.getSweep(sweep.getId());
            }
            assertThat(sweep.getStatus()).isEqualTo("SUCCEEDED");

            new DatasetsApi(client).deleteDataset(uploaded.getId());
            models.deleteModel(model);
            ApiException gone = catchThrowableOfType(ApiException.class, () -> models.getModel(model));
            assertThat(gone.getCode()).isEqualTo(404);
            System.out.printf(
                    "generated Java client: job %s trained, %d events, predicted %d, a picture of a test digit %d, "
                            + "exported %d bytes of ONNX, sweep %s, uploaded %d examples, model deleted (then 404)%n",
                    job.getId(),
                    events.size(),
                    one.getLabel(),
                    picture.getLabel(),
                    Files.size(onnx.toPath()),
                    sweep.getStatus(),
                    uploaded.getTrainingSize());
        }
    }

    /**
     * 200 training and 50 test examples of MNIST (synthetic digits without it), built here as IDX and as
     * CSV and uploaded through both forms; the two must hold the same. The CSV one is deleted again.
     */
    private Dataset uploadedThrough(DatasetsApi datasets) throws Exception {
        MnistSample train = MnistSample.first("train", 200);
        MnistSample test = MnistSample.first("t10k", 50);
        Dataset idx = datasets.uploadIdxDataset(
                file("test-images.idx", test.idxImages()),
                file("test-labels.idx", test.idxLabels()),
                file("train-images.idx", train.idxImages()),
                file("train-labels.idx", train.idxLabels()),
                "java-client idx",
                10);
        Dataset csv = datasets.uploadCsvDataset(
                file("test.csv", test.csv()), file("train.csv", train.csv()), "java-client csv", null);
        assertThat(List.of(idx.getTrainingSize(), idx.getTestSize(), idx.getFormat()))
                .containsExactly(200, 50, "idx");
        assertThat(List.of(csv.getTrainingSize(), csv.getTestSize(), csv.getFormat()))
                .containsExactly(200, 50, "csv");
        ApiException missing = catchThrowableOfType(
                ApiException.class,
                () -> datasets.uploadCsvDataset(
                        file("empty.csv", new byte[0]), file("train.csv", train.csv()), null, null));
        assertThat(missing.getCode()).isEqualTo(400);
        datasets.deleteDataset(csv.getId());
        System.out.printf("uploaded %s examples as IDX and as CSV%n", train.real() ? "real MNIST" : "synthetic");
        return idx;
    }

    private Path digitPng;

    /** A PNG of the uploaded test digit 0, as the service draws it, predicted as a picture and as its input. */
    private PicturePrediction pictureOfATestDigit(ApiClient client, ModelsApi models, String model, String dataset)
            throws Exception {
        File drawn = new LookingInsideApi(client).getExampleImage(dataset, "test", 0);
        digitPng = work.resolve("digit.png");
        Files.copy(drawn.toPath(), digitPng);
        assertThat(Files.readAllBytes(digitPng)).startsWith(0x89, 'P', 'N', 'G');
        PicturePrediction picture = models.predictPicture(model, digitPng.toFile());
        List<List<Double>> input = picture.getInput().stream()
                .map(row -> row.stream().map(Integer::doubleValue).toList())
                .toList();
        PicturePrediction same = models.predict(model, new PredictRequest().image(input));
        assertThat(same.getLabel()).isEqualTo(picture.getLabel());
        assertThat(same.getProbabilities()).isEqualTo(picture.getProbabilities());
        assertThat(picture.getPicture()).isNotNull();
        return picture;
    }

    private File file(String name, byte[] content) throws Exception {
        Path path = work.resolve(name);
        Files.write(path, content);
        return path.toFile();
    }
}
