package dev.backprop.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.WebSlice;
import dev.backprop.failure.CapacityExceededException;
import dev.backprop.failure.ConflictException;
import dev.backprop.failure.NotFoundException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The job controller alone: the service's domain exceptions become the contract's problems. */
@WebSlice(JobController.class)
class JobControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    JobService jobs;

    @MockitoBean
    JobEvents events;

    @MockitoBean
    TrainingRequestValidator validator;

    @Test
    void anUnknownJobIsA404Problem() throws Exception {
        given(jobs.get("nope")).willThrow(new NotFoundException("job", "nope"));
        mvc.perform(get("/api/v1/jobs/nope"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("/problems/not-found"))
                .andExpect(jsonPath("$.detail").value("no job with id 'nope'"));
    }

    @Test
    void cancellingAFinishedJobIsA409ThatSaysItsStatusUnderAKeyOfItsOwn() throws Exception {
        given(jobs.cancel("done"))
                .willThrow(
                        new ConflictException("job done has already finished", Map.of("currentStatus", "SUCCEEDED")));
        mvc.perform(post("/api/v1/jobs/done/cancel"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("/problems/conflict"))
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.currentStatus").value("SUCCEEDED"))
                // one "status" key only: parsers that keep the last duplicate would lose the HTTP status
                .andExpect(result -> assertThat(
                                result.getResponse().getContentAsString().split("\"status\"", -1))
                        .hasSize(2));
    }

    @Test
    void aFullQueueIsA429WithRetryAfter() throws Exception {
        given(validator.supports(any())).willReturn(true);
        given(jobs.submit(any())).willThrow(new CapacityExceededException("full", Duration.ofSeconds(30)));
        mvc.perform(post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content("{\"layers\": [784, 10, 10]}"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(jsonPath("$.type").value("/problems/queue-full"));
    }

    @Test
    void theEventsOfAnUnknownJobAreA404NotAnEmptyStream() throws Exception {
        given(jobs.get("nope")).willThrow(new NotFoundException("job", "nope"));
        mvc.perform(get("/api/v1/jobs/nope/events").accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(status().isNotFound());
    }
}
