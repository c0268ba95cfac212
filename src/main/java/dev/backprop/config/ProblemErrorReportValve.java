package dev.backprop.config;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error page for the errors it raises itself, before any servlet runs: an RFC 9457 problem
 * with the status and its reason, instead of an HTML page (and never a stack trace).
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String reason = status == 400
                ? "the request is malformed (for example its URL or a header)"
                : "the server could not handle the request";
        String kind = status < 500 ? "invalid-request" : "internal";
        String body =
                "{\"type\":\"/problems/" + kind + "\",\"title\":\"" + (status < 500 ? "Bad request" : "Internal error")
                        + "\",\"status\":" + status + ",\"detail\":\"" + reason + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone; nothing more to tell it.
        }
    }
}
