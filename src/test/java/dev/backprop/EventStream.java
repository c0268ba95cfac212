package dev.backprop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A server-sent event stream read to its end: the names of its events in order, and the last data line. */
public record EventStream(List<String> events, String lastData) {

    /** Reads {@code path} of the service on {@code port} until the server ends the stream. */
    public static EventStream read(int port, String path) throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Accept", "text/event-stream")
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        String lastData = null;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("event:")) {
                    events.add(line.substring(6).trim());
                } else if (line.startsWith("data:")) {
                    lastData = line.substring(5);
                }
            }
        }
        return new EventStream(List.copyOf(events), lastData);
    }
}
