package dev.backprop.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Search spaces are bounded before any value is checked as a training job: a choice of 100,000 bad
 * values (the 781 KB request that took 68 s of CPU and answered 54.7 MB) is refused at once, in a
 * problem of a few kilobytes, and a 2.3 MB body of them leaves the heap alone.
 */
class SweepBoundsApiTest extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private byte[] refused(String body) {
        return client.post()
                .uri("/api/v1/sweeps")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    private static String sweepOfChoices(String field, int count, String value) {
        String values = IntStream.range(0, count).mapToObj(k -> value).collect(Collectors.joining(","));
        return "{\"base\": {\"layers\": [784, 10, 10], \"epochs\": 1}, \"parameters\": {\"" + field
                + "\": {\"choice\": [" + values + "]}}, \"trials\": 2}";
    }

    @Test
    void aHundredThousandBadChoicesAreRefusedAtOnceInAFewKilobytes() {
        String body = sweepOfChoices("learningRate", 100_000, "-1");
        long started = System.nanoTime();
        byte[] answer = refused(body);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.length).isLessThan(20_000);
        JsonNode problem = JSON.readTree(answer);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("parameters.learningRate");
        assertThat(problem.get("detail").asString()).contains("choice lists at most 100 values, not 100000");
        // Generous for a loaded machine; the unbounded check took over a minute.
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aHundredBadChoicesAnswerAtMostFiftyErrors() {
        JsonNode problem = JSON.readTree(refused(sweepOfChoices("learningRate", 100, "-1")));
        assertThat(problem.get("errors")).hasSize(50);
        assertThat(problem.get("detail").asString()).containsPattern("^the first 50 of 1[0-9]{2} problems");
    }

    @Test
    void aTwoMegabyteBodyOfLongBadValuesIsRefusedSmall() {
        String longValue = "\"" + "x".repeat(2_000) + "\"";
        byte[] answer = refused(sweepOfChoices("hiddenActivation", 1_150, longValue));
        assertThat(answer.length).isLessThan(20_000);
    }

    @Test
    void tooManyVariedFieldsAreRefused() {
        String parameters = IntStream.range(1, 30)
                .mapToObj(k -> "\"layers[" + k + "]\": {\"choice\": [10]}")
                .collect(Collectors.joining(","));
        String body = "{\"base\": {\"layers\": [784, 10, 10], \"epochs\": 1}, \"parameters\": {" + parameters + "}}";
        JsonNode problem = JSON.readTree(refused(body));
        assertThat(problem.get("detail").asString()).contains("at most 20 fields may vary");
    }

    @Test
    void aNullChoiceIsA400NotA500() {
        refused(sweepOfChoices("learningRate", 2, "null"));
    }
}
