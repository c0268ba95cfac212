package dev.backprop.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotWritableException;

/** The protocol's error advice leaves a client that hung up alone, and still answers 500 for a bug. */
class InferenceErrorsTest {

    private final InferenceErrors errors = new InferenceErrors();

    @Test
    void aClientThatHungUpGetsNoAnswer() {
        Exception brokenPipe = new HttpMessageNotWritableException(
                "Could not write JSON", new ClientAbortException(new IOException("Broken pipe")));
        assertThat(errors.other(brokenPipe)).isNull();
    }

    @Test
    void aBugIsStillA500InTheProtocolsShape() {
        var answer = errors.other(new IllegalStateException("a bug"));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(answer.getBody().error()).doesNotContain("a bug");
    }
}
