package dev.backprop.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import dev.backprop.job.Job;
import dev.backprop.job.ScheduleType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A sweep varies a schedule as a whole or one field of it, and is refused naming a bad one. */
class ScheduleSweepTest extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aSweepVariesOneFieldOfTheScheduleAndTheScheduleItself() {
        JsonNode sweep = awaitDone(submit(202, """
                {"base": {"layers": [784, 16, 10], "epochs": 2, "validationSize": 300, "seed": 2,
                          "learningRate": 0.5, "schedule": {"type": "onecycle", "maxRate": 1, "warmup": 0.5}},
                 "parameters": {"schedule.maxRate": {"logUniform": [1, 4]},
                                "augmentation": {"choice": [{"shift": 1}, {"rotation": 10}]}},
                 "strategy": "random", "trials": 3, "parallel": 2, "seed": 4}"""));

        assertThat(sweep.get("status").asString()).isEqualTo("SUCCEEDED");
        for (JsonNode trial : sweep.get("trials")) {
            double maxRate = trial.get("parameters").get("schedule.maxRate").asDouble();
            Job job = get(trial.get("jobId").asString());
            assertThat(job.request().schedule().type()).isEqualTo(ScheduleType.ONECYCLE);
            assertThat(job.request().schedule().maxRate()).isEqualTo(maxRate).isBetween(1.0, 4.0);
            assertThat(job.request().schedule().warmup())
                    .as("the base's other fields kept")
                    .isEqualTo(0.5);
            assertThat(job.request().augmentation()).isNotNull();
            assertThat(job.epochs().get(1).learningRate()).isEqualTo(maxRate);
        }

        JsonNode whole = awaitDone(submit(202, """
                {"base": {"layers": [784, 16, 10], "epochs": 2, "validationSize": 300, "seed": 2},
                 "parameters": {"schedule": {"choice": [{"type": "constant"}, {"type": "exponential", "factor": 0.5}]}},
                 "strategy": "grid", "trials": 2, "seed": 4}"""));
        assertThat(whole.get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aBadScheduleFieldIsRefusedByItsName() {
        assertThat(refusedFields("""
                {"base": {"layers": [784, 10], "schedule": {"type": "onecycle", "maxRate": 5}},
                 "parameters": {"schedule.maxrate": {"uniform": [1, 2]}}}""")).contains("parameters.schedule.maxrate");
        assertThat(refusedFields("""
                {"base": {"layers": [784, 10], "learningRate": 3, "schedule": {"type": "onecycle", "maxRate": 5}},
                 "parameters": {"schedule.maxRate": {"uniform": [1, 6]}}}""")).contains("parameters.schedule.maxRate");
    }

    private List<String> refusedFields(String body) {
        JsonNode problem = JSON.readTree(post(body, 400));
        return problem.get("errors")
                .valueStream()
                .map(error -> error.get("field").asString())
                .toList();
    }

    private String submit(int status, String body) {
        return JSON.readTree(post(body, status)).get("id").asString();
    }

    private byte[] post(String body, int status) {
        return client.post()
                .uri("/api/v1/sweeps")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    private JsonNode awaitDone(String id) {
        return jobs().awaitRecord(
                        "/api/v1/sweeps/" + id,
                        sweep -> List.of("SUCCEEDED", "FAILED", "CANCELLED")
                                .contains(sweep.get("status").asString()),
                        Duration.ofSeconds(120));
    }
}
