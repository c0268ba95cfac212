package dev.backprop.dataset;

import dev.backprop.BackpropClient;
import dev.backprop.job.Job;
import java.time.Duration;
import java.util.List;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Jobs and datasets over HTTP, for tests that start their own service. */
final class ServiceJobs {

    private ServiceJobs() {}

    static Job submit(RestTestClient client, String json) {
        return new BackpropClient(client).submit(json);
    }

    static Job get(RestTestClient client, String id) {
        return new BackpropClient(client).get(id);
    }

    static Job awaitFinished(RestTestClient client, String id, Duration timeout) {
        return new BackpropClient(client).awaitFinished(id, timeout);
    }

    static List<DatasetInfo> datasets(RestTestClient client) {
        return client.get()
                .uri("/api/v1/datasets")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<DatasetInfo>>() {})
                .returnResult()
                .getResponseBody();
    }
}
