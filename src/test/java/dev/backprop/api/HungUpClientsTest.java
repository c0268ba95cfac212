package dev.backprop.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/** A client hanging up mid-answer is no error of ours: nothing is answered and nothing logged as an error. */
class HungUpClientsTest {

    private final ProblemHandler handler = new ProblemHandler(null, null);

    @Test
    void anAnswerBrokenOffByTheClientIsNotAnsweredAgain() {
        // What Tomcat and Jackson raised when wrk stopped with answers still being written.
        Exception brokenPipe = new HttpMessageNotWritableException(
                "Could not write JSON", new ClientAbortException(new IOException("Broken pipe")));
        assertThat(HungUpClients.gone(brokenPipe)).isTrue();
        assertThat(handler.unexpected(brokenPipe)).isNull();
        assertThat(handler.unexpected(new AsyncRequestNotUsableException("Response not usable after response errors.")))
                .isNull();
    }

    @Test
    void anythingElseStaysAnUnexpectedError() {
        Exception ours = new IllegalStateException("a bug");
        assertThat(HungUpClients.gone(ours)).isFalse();
        assertThat(handler.unexpected(ours).getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
