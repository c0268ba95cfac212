package dev.backprop.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem where Spring MVC's converters do not reach: in a servlet filter that refuses a request
 * before any controller runs, and in Tomcat's own error page. The body is the one those converters write.
 */
public final class ProblemWriter {

    private final JsonMapper json;

    /** With the service's mapper, which writes a problem's extra properties beside its standard ones. */
    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    /** For Tomcat, which runs before and outside the service's context: a mapper set up the same way for problems. */
    public static ProblemWriter outsideTheContext() {
        return new ProblemWriter(JsonMapper.builder()
                .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
                .build());
    }

    /** The response becomes the problem: its status, problem+json and the body. */
    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    /** The body alone, for a writer that has only a character stream (Tomcat's error report). */
    public String body(ProblemDetail problem) {
        return json.writeValueAsString(problem);
    }
}
