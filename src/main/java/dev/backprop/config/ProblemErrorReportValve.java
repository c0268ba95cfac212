package dev.backprop.config;

import dev.backprop.problem.ProblemWriter;
import dev.backprop.problem.Problems;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error page for the errors it raises itself, before any servlet runs: an RFC 9457 problem
 * with the status and its reason, instead of an HTML page (and never a stack trace).
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    // Tomcat makes the valve from its class name, outside the service's context.
    private static final ProblemWriter PROBLEMS = ProblemWriter.outsideTheContext();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProblemDetail problem = status < 500
                ? Problems.INVALID_REQUEST.detail("the request is malformed (for example its URL or a header)")
                : Problems.INTERNAL.detail("the server could not handle the request");
        problem.setStatus(status);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(PROBLEMS.body(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone; nothing more to tell it.
        }
    }
}
