package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.backprop.generated.ApiClient;
import dev.backprop.generated.ApiException;
import dev.backprop.generated.api.DatasetsApi;
import dev.backprop.generated.api.ModelRegistryApi;
import dev.backprop.generated.api.ModelsApi;
import dev.backprop.generated.api.SweepsApi;
import dev.backprop.generated.api.TrainingJobsApi;
import dev.backprop.generated.model.AliasRequest;
import dev.backprop.generated.model.BatchPredictRequest;
import dev.backprop.generated.model.EvaluationRequest;
import dev.backprop.generated.model.Job;
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
 * makes at build time from the document: submit, poll, predict (JSON, one and a batch), evaluate,
 * export ONNX as bytes, alias, versioned predict, sweep, dataset, delete, 404, against the packaged jar.
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
            // Not streamJobEvents: the native library parses every answer as JSON, text/event-stream too.
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

            // Not uploadDataset: the native library refuses an absent optional file part ("File may not be
            // null"), and an upload is either the four IDX parts or the two CSV ones. ContractIT uploads CSV.
            assertThat(new DatasetsApi(client).getDataset("mnist").getTrainingSize())
                    .isEqualTo(3000);

            models.deleteModel(model);
            ApiException gone = catchThrowableOfType(ApiException.class, () -> models.getModel(model));
            assertThat(gone.getCode()).isEqualTo(404);
            System.out.printf(
                    "generated Java client: job %s trained, predicted %d, exported %d bytes of ONNX, sweep %s, "
                            + "model deleted (then 404)%n",
                    job.getId(), one.getLabel(), Files.size(onnx.toPath()), sweep.getStatus());
        }
    }
}
