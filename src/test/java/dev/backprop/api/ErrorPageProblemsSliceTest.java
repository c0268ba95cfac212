package dev.backprop.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.backprop.WebSlice;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The error page the servlet container forwards its own failures to (a TRACE, a filter's sendError),
 * as the container would forward them: a problem like every other, naming the address that failed.
 */
@WebSlice(ErrorPageProblems.class)
class ErrorPageProblemsSliceTest {

    @Autowired
    MockMvc mvc;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            405 | this method is not supported here; the Allow header lists those that are
            404 | nothing is at this address
            500 | an unexpected error occurred; it has been logged
            503 | an unexpected error occurred; it has been logged
            """)
    void theContainersErrorsAreProblems(int code, String detail) throws Exception {
        mvc.perform(get("/error")
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, code)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/jobs"))
                .andExpect(status().is(code))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(code))
                .andExpect(jsonPath("$.detail").value(detail))
                .andExpect(jsonPath("$.instance").value("/api/v1/jobs"));
    }

    @Test
    void anAddressTheUriGrammarRefusesIsNotEchoedAsTheInstance() throws Exception {
        mvc.perform(get("/error")
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 400)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/models/a b|c"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("bad request"))
                // Spring then fills the instance in with the error page's own path.
                .andExpect(jsonPath("$.instance").value("/error"));
    }

    @Test
    void withoutAStatusItIsA500() throws Exception {
        mvc.perform(get("/error"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
