package dev.backprop.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.WebSlice;
import dev.backprop.job.TrainingChecks;
import dev.backprop.paging.Cursor;
import dev.backprop.paging.Page;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sweep endpoints with the real planner and checks (over a real catalogue of the synthetic digits);
 * only the records and the event streams stand in. Search spaces are bounded before any value is checked
 * as a training job: a choice of 100,000 bad values (the 781 KB request that took 68 s of CPU and
 * answered 54.7 MB) is refused at once, in a problem of a few kilobytes.
 */
@WebSlice(SweepController.class)
@Import({SweepService.class, SweepPlanner.class, TrainingChecks.class})
@EnableConfigurationProperties(SweepProperties.class)
class SweepControllerSliceTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @MockitoBean
    SweepRecords records;

    @MockitoBean
    SweepEvents events;

    private JsonNode refused(String body) throws Exception {
        byte[] answer = mvc.perform(post("/api/v1/sweeps")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(answer.length).as("the problem's size").isLessThan(20_000);
        return json.readTree(answer);
    }

    private static String sweepOfChoices(String field, int count, String value) {
        String values = IntStream.range(0, count).mapToObj(k -> value).collect(Collectors.joining(","));
        return "{\"base\": {\"layers\": [784, 10, 10], \"epochs\": 1}, \"parameters\": {\"" + field
                + "\": {\"choice\": [" + values + "]}}, \"trials\": 2}";
    }

    @Test
    void aGoodSweepIsQueuedAndNamedByLocation() throws Exception {
        mvc.perform(post("/api/v1/sweeps")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                        {"base": {"layers": [784, 10, 10], "epochs": 1, "validationSize": 400},
                         "parameters": {"learningRate": {"choice": [0.1, 1]}}, "trials": 2}"""))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("QUEUED"))
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/sweeps/")));
        verify(records).insert(any());
    }

    @Test
    void badSweepsAreRefusedNamingEachBadField() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"base\": {\"layers\": [784, 10]}, \"parameters\": {\"learningrate\": {\"uniform\": [0, 1]}}}",
                "parameters.learningrate",
                "{\"base\": {\"layers\": [784, 10]}, \"parameters\": {\"l2\": {\"uniform\": [5, 1]}}}",
                "parameters.l2",
                "{\"base\": {\"layers\": [784, 10]}, \"parameters\": {\"batchSize\": {\"choice\": [8, 16, 32]}},"
                        + " \"strategy\": \"grid\", \"trials\": 2}",
                "trials",
                "{\"base\": {\"layers\": [784, 10]}, \"parameters\": {\"l2\": {\"uniform\": [0, 1]}}, \"trials\": 101}",
                "trials",
                "{\"base\": {\"layers\": [784, 10]}, \"parameters\": {\"l2\": {\"uniform\": [0, 1]}},"
                        + " \"strategy\": \"annealing\"}",
                "strategy",
                "{\"base\": {\"layers\": [784, 10], \"validationSize\": 400},"
                        + " \"parameters\": {\"layers\": {\"choice\": [[784, 30, 10], [100, 10]]}}}",
                "parameters.layers.choice[1]",
                "{\"parameters\": {\"l2\": {\"uniform\": [0, 1]}}}",
                "base",
                "{\"base\": {\"layers\": [784, 10], \"validationSize\": 400},"
                        + " \"parameters\": {\"batchSize\": {\"uniform\": [8, 64]}}}",
                "parameters.batchSize",
                "{\"base\": {\"layers\": [784, 10]}, \"parameters\": {\"l2\": {\"uniform\": [0, 1]}},"
                        + " \"objective\": {\"metric\": \"testAccuracy\"}}",
                "objective.metric");
        for (Map.Entry<String, String> badCase : cases.entrySet()) {
            List<String> fields = refused(badCase.getKey())
                    .get("errors")
                    .valueStream()
                    .map(error -> error.get("field").asString())
                    .toList();
            assertThat(fields).as(badCase.getKey()).contains(badCase.getValue());
        }
        verify(records, never()).insert(any());
    }

    @Test
    void anUnknownSweepIsA404AndAFinishedOneCannotBeCancelled() throws Exception {
        mvc.perform(get("/api/v1/sweeps/no-such-sweep"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("/problems/not-found"));
        Sweep done = new Sweep(
                "done",
                "lr",
                "SUCCEEDED",
                null,
                Instant.EPOCH,
                null,
                null,
                List.of(),
                null,
                0,
                0,
                0,
                2,
                null,
                null,
                null);
        given(records.find("done")).willReturn(Optional.of(done));
        mvc.perform(post("/api/v1/sweeps/done/cancel"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("/problems/conflict"))
                .andExpect(jsonPath("$.currentStatus").value("SUCCEEDED"));
        verify(records, never()).requestCancel(any());
    }

    @Test
    void aListWithMoreToComeLinksToItsNextPage() throws Exception {
        Sweep newest = new Sweep(
                "s1", "lr", "QUEUED", null, Instant.EPOCH, null, null, List.of(), null, 0, 0, 0, 2, null, null, null);
        given(records.page(eq("QUEUED"), any()))
                .willReturn(new Page<>(List.of(newest), new Cursor(Instant.EPOCH, "s1")));
        mvc.perform(get("/api/v1/sweeps?status=QUEUED&limit=1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value("s1"))
                .andExpect(header().string("Link", org.hamcrest.Matchers.containsString("rel=\"next\"")));
        mvc.perform(get("/api/v1/sweeps?limit=0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
    }

    @Test
    void aHundredThousandBadChoicesAreRefusedAtOnceInAFewKilobytes() throws Exception {
        String body = sweepOfChoices("learningRate", 100_000, "-1");
        long started = System.nanoTime();
        byte[] answer = mvc.perform(post("/api/v1/sweeps")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.length).isLessThan(20_000);
        JsonNode problem = json.readTree(new String(answer, StandardCharsets.UTF_8));
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("parameters.learningRate");
        assertThat(problem.get("detail").asString()).contains("choice lists at most 100 values, not 100000");
        // Generous for a loaded machine; the unbounded check took over a minute.
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aHundredBadChoicesAnswerAtMostFiftyErrors() throws Exception {
        JsonNode problem = refused(sweepOfChoices("learningRate", 100, "-1"));
        assertThat(problem.get("errors")).hasSize(50);
        assertThat(problem.get("detail").asString()).containsPattern("^the first 50 of 1[0-9]{2} problems");
    }

    @Test
    void aTwoMegabyteBodyOfLongBadValuesIsRefusedSmall() throws Exception {
        String longValue = "\"" + "x".repeat(2_000) + "\"";
        byte[] answer = mvc.perform(post("/api/v1/sweeps")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(sweepOfChoices("hiddenActivation", 1_150, longValue)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(answer.length).isLessThan(20_000);
    }

    @Test
    void tooManyVariedFieldsAreRefused() throws Exception {
        String parameters = IntStream.range(1, 30)
                .mapToObj(k -> "\"layers[" + k + "]\": {\"choice\": [10]}")
                .collect(Collectors.joining(","));
        String body = "{\"base\": {\"layers\": [784, 10, 10], \"epochs\": 1}, \"parameters\": {" + parameters + "}}";
        assertThat(refused(body).get("detail").asString()).contains("at most 20 fields may vary");
    }

    /** PostgreSQL cannot store U+0000: refused on every database, before anything is stored. */
    @ParameterizedTest
    @CsvSource({"name", "base.name"})
    void aNameWithANulCharacterIsA400NamingTheField(String field) throws Exception {
        ObjectNode body = (ObjectNode) json.readTree("{\"base\": {\"layers\": [784, 10, 10], \"epochs\": 1},"
                + " \"parameters\": {\"learningRate\": {\"choice\": [1.0, 2.0]}}, \"trials\": 2}");
        ObjectNode target = field.startsWith("base.") ? (ObjectNode) body.get("base") : body;
        target.put(field.replace("base.", ""), "nul\u0000inside");
        JsonNode problem = refused(json.writeValueAsString(body));
        assertThat(problem.get("errors")
                        .valueStream()
                        .map(error -> error.get("field").asString()))
                .contains(field);
        assertThat(problem.get("detail").asString()).contains("U+0000");
    }

    @Test
    void aNullChoiceIsA400NotA500() throws Exception {
        refused(sweepOfChoices("learningRate", 2, "null"));
    }
}
