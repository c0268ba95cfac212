package dev.backprop.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
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
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The learning-curve endpoints with the real planner and checks, over a real catalogue of the synthetic
 * digits (2,000 training images); only the records and the event streams stand in.
 */
@WebSlice(LearningCurveController.class)
@Import({LearningCurveService.class, CurvePlanner.class, TrainingChecks.class})
class LearningCurveControllerSliceTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @MockitoBean
    CurveRecords records;

    @MockitoBean
    CurveEvents events;

    @Test
    void aGoodCurveIsQueuedAndNamedByLocation() throws Exception {
        mvc.perform(post("/api/v1/learning-curves")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"base\": {\"layers\": [784, 30, 10], \"validationSize\": 400}, \"sizes\": [100]}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("QUEUED"))
                .andExpect(header().string("Location", Matchers.startsWith("/api/v1/learning-curves/")));
        verify(records).insert(any());
    }

    @Test
    void badCurvesAreRefusedNamingEachBadField() throws Exception {
        String base = "\"base\": {\"layers\": [784, 30, 10], \"validationSize\": 400}";
        Map<String, String> cases = Map.of(
                "{" + base + ", \"sizes\": []}",
                "sizes",
                "{" + base + ", \"sizes\": [100, 0]}",
                "sizes",
                "{" + base + ", \"sizes\": [100, 100]}",
                "sizes",
                "{" + base + ", \"sizes\": [1700]}",
                "sizes",
                "{" + base + ", \"sizes\": [100], \"epochsPerSize\": \"more\"}",
                "epochsPerSize",
                "{" + base + ", \"sizes\": [100], \"seeds\": 0}",
                "seeds",
                "{\"base\": {\"layers\": [784, 30, 10], \"validationSize\": 400, \"trainLimit\": 5}, \"sizes\": [100]}",
                "base.trainLimit",
                "{\"base\": {\"layers\": [784, 30, 10], \"validationSize\": 400, \"learningrate\": 1}, \"sizes\": [100]}",
                "base.learningrate",
                "{\"base\": {\"layers\": [784, 30, 10], \"validationSize\": 400, \"epochs\": 20},"
                        + " \"sizes\": [10, 1000], \"epochsPerSize\": \"sameExamples\"}",
                "base.epochs",
                "{\"sizes\": [100]}",
                "base");
        for (Map.Entry<String, String> badCase : cases.entrySet()) {
            JsonNode problem = json.readTree(mvc.perform(post("/api/v1/learning-curves")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(badCase.getKey()))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andReturn()
                    .getResponse()
                    .getContentAsByteArray());
            List<String> fields = problem.get("errors")
                    .valueStream()
                    .map(error -> error.get("field").asString())
                    .toList();
            assertThat(fields).as(badCase.getKey()).contains(badCase.getValue());
        }
        mvc.perform(post("/api/v1/learning-curves")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{" + base + ", \"sizes\": [100], \"size\": 3}"))
                .andExpect(status().isBadRequest());
        verify(records, never()).insert(any());
    }

    @Test
    void anUnknownCurveIsA404EvenForItsEvents() throws Exception {
        mvc.perform(get("/api/v1/learning-curves/no-such-curve"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("/problems/not-found"))
                .andExpect(jsonPath("$.status").value(404));
        mvc.perform(post("/api/v1/learning-curves/no-such-curve/cancel")).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/learning-curves/no-such-curve/events").accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(status().isNotFound());
        verify(events, never()).subscribe(any());
    }
}
