package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.dataset.IdxFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datasets evaluated one after another no longer pile up in a 512 MB service: eight uploads of
 * 60,000 images (some 55 MB each once loaded) are each evaluated, then all of them again, and every
 * evaluation answers, health stays UP and the model predicts as before. The first release kept every
 * dataset it had touched, and ran out of heap.
 */
class DatasetCacheIT {

    private static final int DATASETS = 8;

    @TempDir
    static Path work;

    private static ServiceProcess service;
    private static Http http;
    private static String modelId;

    @BeforeAll
    static void start() throws Exception {
        service = ServiceProcess.onSyntheticDigits(work, 2000, 200);
        http = new Http(service.port());
        modelId = http.trainSeedModel();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        service.close();
    }

    @Test
    void eightLargeDatasetsEvaluatedInTurnAllAnswerAndTheServiceStaysUp() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int d = 0; d < DATASETS; d++) {
            Http.Answer upload = http.post("/api/v1/datasets", "multipart/form-data; boundary=cache", upload(d));
            assertThat(upload.status()).as(upload.body()).isEqualTo(201);
            ids.add(upload.json().get("id").asString());
            assertEvaluates(ids.get(d));
        }
        for (String id : ids) {
            assertEvaluates(id);
        }
        assertThat(http.get("/actuator/health").body()).contains("\"UP\"");
    }

    private static void assertEvaluates(String dataset) throws Exception {
        Http.Answer answer = http.post(
                "/api/v1/models/" + modelId + "/evaluate", "{\"dataset\": \"" + dataset + "\", \"split\": \"train\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("count").asInt()).isEqualTo(60_000);
    }

    /** Dataset {@code d}: 60,000 training and 1,000 test synthetic digits, each set drawn with its own seed. */
    private static byte[] upload(int d) {
        byte[][] train = IdxFiles.syntheticDigits(60_000, 100 + d);
        byte[][] test = IdxFiles.syntheticDigits(1_000, 200 + d);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("trainImages", IdxFiles.gzip(IdxFiles.images(train[0], 60_000, 28, 28)));
        parts.put("trainLabels", IdxFiles.gzip(IdxFiles.labels(train[1])));
        parts.put("testImages", IdxFiles.gzip(IdxFiles.images(test[0], 1_000, 28, 28)));
        parts.put("testLabels", IdxFiles.gzip(IdxFiles.labels(test[1])));
        return Http.multipart("cache", parts);
    }
}
