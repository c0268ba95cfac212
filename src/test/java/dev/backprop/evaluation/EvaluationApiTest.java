package dev.backprop.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.job.EpochMetrics;
import dev.backprop.job.Job;
import dev.backprop.job.JobStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationApiTest extends ApiTestSupport {

    private Job job;

    @BeforeAll
    void trainAModel() {
        job = awaitFinished(submit(SMALL_JOB).id(), Duration.ofSeconds(60));
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void theTestSplitReportsWhatTheJobsLastEpochMeasured() {
        EvaluationReport report = evaluate(Map.of("dataset", "mnist", "split", "test"));

        EpochMetrics last = job.epochs().get(job.epochs().size() - 1);
        assertThat(report.modelId()).isEqualTo(job.modelId());
        assertThat(report.split()).isEqualTo(Split.TEST);
        assertThat(report.loss()).isEqualTo("quadratic");
        assertThat(report.count()).isEqualTo(500);
        assertThat(report.accuracy()).isEqualTo(last.testAccuracy());
        assertThat(report.meanLoss()).isEqualTo(last.testLoss());
        int total = Arrays.stream(report.confusionMatrix())
                .flatMapToInt(Arrays::stream)
                .sum();
        int diagonal = 0;
        for (int c = 0; c < 10; c++) {
            diagonal += report.confusionMatrix()[c][c];
        }
        assertThat(total).isEqualTo(500);
        assertThat(diagonal).isEqualTo(report.correct());
        assertThat(report.classes()).hasSize(10);
        for (ClassMetrics metrics : report.classes()) {
            assertThat(metrics.support())
                    .isEqualTo(Arrays.stream(report.confusionMatrix()[metrics.label()])
                            .sum());
        }
    }

    @Test
    void theHardestExamplesAreMistakesSurestFirst() {
        EvaluationReport report = evaluate(Map.of("hardest", 500));

        assertThat(report.hardestExamples()).hasSize(report.count() - report.correct());
        for (int k = 0; k < report.hardestExamples().size(); k++) {
            HardExample mistake = report.hardestExamples().get(k);
            assertThat(mistake.predicted()).isNotEqualTo(mistake.label());
            if (k > 0) {
                assertThat(mistake.confidence())
                        .isLessThanOrEqualTo(report.hardestExamples().get(k - 1).confidence());
            }
        }
        assertThat(evaluate(Map.of()).hardestExamples()).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void withoutABodyItIsTheModelsDatasetAndTestSplit() {
        EvaluationReport report = client.post()
                .uri("/api/v1/models/{id}/evaluate", job.modelId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(EvaluationReport.class)
                .returnResult()
                .getResponseBody();

        assertThat(report.dataset()).isEqualTo("mnist");
        assertThat(report.split()).isEqualTo(Split.TEST);
        assertThat(report.count()).isEqualTo(500);
    }

    @Test
    void theTrainingSplitCanBeEvaluatedToo() {
        EvaluationReport report = evaluate(Map.of("split", "train"));

        assertThat(report.count()).isEqualTo(2000);
        assertThat(report.split()).isEqualTo(Split.TRAIN);
    }

    private EvaluationReport evaluate(Map<String, Object> body) {
        return request(body)
                .expectStatus()
                .isOk()
                .expectBody(EvaluationReport.class)
                .returnResult()
                .getResponseBody();
    }

    private RestTestClient.ResponseSpec request(Map<String, Object> body) {
        return client.post()
                .uri("/api/v1/models/{id}/evaluate", job.modelId())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }
}
