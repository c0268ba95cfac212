package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.ApiTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** An uploaded dataset's name follows the rule every name does: nothing PostgreSQL cannot store. */
class UploadNameApiTest extends ApiTestSupport {

    @Test
    void aNameWithANulCharacterIsA400NamingIt() {
        String problem = new String(
                DatasetUploadApiTest.upload(client, DatasetUploadApiTest.idxParts(), Map.of("name", "nul\u0000inside"))
                        .expectStatus()
                        .isBadRequest()
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody(byte[].class)
                        .returnResult()
                        .getResponseBody(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(problem).contains("\"name\"").contains("U+0000");
    }
}
