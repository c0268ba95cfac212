package dev.backprop.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.EventStream;
import dev.backprop.model.ModelInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

class JobApiTest extends ApiTestSupport {

    @Test
    void aSubmittedJobIsAcceptedAtOnceThenTrainsToSuccess() {
        var response = client.post()
                .uri("/api/v1/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .body(SMALL_JOB)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.ACCEPTED)
                .expectBody(Job.class)
                .returnResult();
        Job accepted = response.getResponseBody();
        assertThat(response.getResponseHeaders().getLocation()).hasToString("/api/v1/jobs/" + accepted.id());
        assertThat(accepted.status()).isIn(JobStatus.QUEUED, JobStatus.RUNNING);
        assertThat(accepted.request().learningRate()).as("defaults filled in").isEqualTo(3.0);
        assertThat(accepted.request().hiddenActivation()).isEqualTo(HiddenActivation.SIGMOID);

        Job done = awaitFinished(accepted.id(), Duration.ofSeconds(60));

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(done.modelId()).isNotBlank();
        assertThat(done.kernels())
                .as("which kernels trained it")
                // By default each job chooses its threads by timing them, and says which and why.
                .matches(
                        "(vector-\\d+|scalar) loops, .*, (\\d) threads? \\(auto: \\2 threads?, .* µs an example against .*\\)");
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        assertThat(done.epochs()).hasSize(2).allSatisfy(epoch -> {
            assertThat(epoch.trainAccuracy()).isBetween(0.0, 1.0);
            assertThat(epoch.testAccuracy()).isBetween(0.0, 1.0);
            assertThat(epoch.testLoss()).isPositive();
            assertThat(epoch.validationAccuracy()).isNull();
            assertThat(epoch.examplesPerSecond()).isPositive();
        });
        assertThat(done.epochs().get(1).testAccuracy())
                .as("the synthetic digits are easy")
                .isGreaterThan(0.9);
    }

    @Test
    void reportsValidationMetricsWhenAskedFor() {
        Job job = submit("""
                {"layers": [784, 16, 10], "epochs": 1, "validationSize": 300, "seed": 3}""");
        Job done = awaitFinished(job.id(), Duration.ofSeconds(60));
        assertThat(done.epochs()).singleElement().satisfies(epoch -> {
            assertThat(epoch.validationAccuracy()).isBetween(0.0, 1.0);
            assertThat(epoch.validationLoss()).isPositive();
        });
    }

    @Test
    void earlyStoppingSaysSoAndKeepsTheBestEpoch() {
        // The synthetic digits are learnt within a few epochs; validation accuracy then stops improving.
        Job done = awaitFinished(submit("""
                        {"layers": [784, 16, 10], "epochs": 40, "validationSize": 300, "earlyStoppingPatience": 2,
                         "seed": 4}""").id(), Duration.ofSeconds(60));

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.epochs()).hasSizeLessThan(40);
        double best = done.epochs().stream()
                .mapToDouble(EpochMetrics::validationAccuracy)
                .max()
                .orElseThrow();
        int firstBest = done.epochs().stream()
                .filter(epoch -> epoch.validationAccuracy() == best)
                .findFirst()
                .orElseThrow()
                .epoch();
        assertThat(done.keptEpoch()).isEqualTo(firstBest);
        assertThat(done.epochs()).hasSize(firstBest + 2);
        assertThat(done.stopReason())
                .isEqualTo("early stopping: no better validation accuracy for 2 epochs; kept epoch " + firstBest);
        ModelInfo model = client.get()
                .uri("/api/v1/models/{id}", done.modelId())
                .exchange()
                .expectBody(ModelInfo.class)
                .returnResult()
                .getResponseBody();
        assertThat(model.keptEpoch()).isEqualTo(firstBest);
        assertThat(model.metrics()).isEqualTo(done.epochs().get(firstBest - 1).forModel());
    }

    @Test
    void listsJobsNewestFirst() {
        Job first = submit(SMALL_JOB);
        Job second = submit(SMALL_JOB);
        List<Job> jobs = client.get()
                .uri("/api/v1/jobs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Job>>() {})
                .returnResult()
                .getResponseBody();
        List<String> ids = jobs.stream().map(Job::id).toList();
        assertThat(ids).contains(first.id(), second.id());
        assertThat(ids.indexOf(second.id())).isLessThan(ids.indexOf(first.id()));
        awaitFinished(second.id(), Duration.ofSeconds(60));
    }

    @Test
    void anUnknownJobIsA404Problem() {
        client.get()
                .uri("/api/v1/jobs/{id}", "no-such-job")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("no job with id 'no-such-job'")
                .jsonPath("$.type")
                .isEqualTo("/problems/not-found");
        client.post()
                .uri("/api/v1/jobs/{id}/cancel", "no-such-job")
                .exchange()
                .expectStatus()
                .isNotFound();
        client.get()
                .uri("/api/v1/jobs/{id}/events", "no-such-job")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void cancellingARunningJobStopsIt() {
        Job job = submit("""
                {"layers": [784, 100, 10], "epochs": 500, "seed": 1}""");
        while (get(job.id()).status() == JobStatus.QUEUED) {
            sleep(20);
        }
        Job cancelling = client.post()
                .uri("/api/v1/jobs/{id}/cancel", job.id())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Job.class)
                .returnResult()
                .getResponseBody();
        assertThat(cancelling.status()).isIn(JobStatus.RUNNING, JobStatus.CANCELLED);

        Job done = awaitFinished(job.id(), Duration.ofSeconds(30));

        assertThat(done.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(done.modelId()).isNull();
        assertThat(done.stopReason()).startsWith("cancelled during epoch");
    }

    @Test
    void cancellingAFinishedJobIsAConflict() {
        Job done = awaitFinished(submit(SMALL_JOB).id(), Duration.ofSeconds(60));
        client.post()
                .uri("/api/v1/jobs/{id}/cancel", done.id())
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(409)
                .jsonPath("$.currentStatus")
                .isEqualTo("SUCCEEDED")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("already finished"));
    }

    @Test
    void streamsStatusAndEpochEventsUntilTheJobEnds() throws Exception {
        Job job = submit("""
                {"layers": [784, 30, 10], "epochs": 3, "seed": 2}""");
        EventStream stream = EventStream.read(port, "/api/v1/jobs/" + job.id() + "/events");
        List<String> events = stream.events();
        String lastData = stream.lastData();
        assertThat(events).contains("status");
        assertThat(events.stream().filter("epoch"::equals))
                .as("every epoch once, replayed or live")
                .hasSize(3);
        assertThat(events.get(events.size() - 1)).isEqualTo("status");
        assertThat(lastData).contains("\"status\":\"SUCCEEDED\"");
    }

    @Test
    void aFinishedJobsStreamSendsItsStatusAndEnds() throws Exception {
        Job done = awaitFinished(submit(SMALL_JOB).id(), Duration.ofSeconds(60));
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/v1/jobs/" + done.id() + "/events"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.body())
                .startsWith("id:1")
                .contains("event:epoch")
                .contains("event:status")
                .endsWith("\n\n")
                .contains("\"SUCCEEDED\"");
    }
}
