package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.dataset.IdxFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Chaos: two replicas of the packaged jar on a PostgreSQL and an s3proxy of this test's own, 20 jobs and
 * a 12-trial sweep of tiny networks on synthetic digits, while the database is restarted twice and the
 * bucket stopped for 10 s. Every job succeeds once, the sweep finishes, no answer is a 500, and no more
 * epochs are trained (nor jobs started) than were asked plus one per interruption.
 */
class OutageChaosIT {

    private static final int JOBS = 20;
    private static final int EPOCHS = 4;

    @TempDir
    Path work;

    @Test
    void jobsAndASweepOnTwoReplicasComeThroughDatabaseRestartsAndABucketOutage() throws Exception {
        IdxFiles.writeSyntheticDataset(work.resolve("datasets").resolve("mnist"), 3000, 300);
        try (OwnPostgres postgres = OwnPostgres.start();
                RestartableS3 s3 = new RestartableS3();
                ServiceProcess alpha = replica("alpha", postgres, s3);
                ServiceProcess beta = replica("beta", postgres, s3)) {
            Http[] replicas = {new Http(alpha.port()), new Http(beta.port())};
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            List<String> jobs = new ArrayList<>();
            for (int k = 0; k < JOBS; k++) {
                Http.Answer answer = replicas[k % 2].post(
                        "/api/v1/jobs",
                        "{\"layers\": [784, 40, 10], \"epochs\": " + EPOCHS + ", \"trainLimit\": 2000, \"seed\": " + k
                                + "}");
                assertThat(answer.status()).as(answer.body()).isEqualTo(202);
                jobs.add(answer.json().get("id").asString());
            }
            Http.Answer sweep = replicas[1].post("/api/v1/sweeps", """
                    {"name": "chaos", "base": {"layers": [784, 20, 10], "epochs": 2, "trainLimit": 500, "validationSize": 100},
                     "parameters": {"learningRate": {"choice": [0.01, 0.02, 0.03, 0.04, 0.05, 0.06,
                                                                0.07, 0.08, 0.09, 0.1, 0.11, 0.12]}},
                     "strategy": "grid", "trials": 12, "parallel": 2, "seed": 3}""");
            assertThat(sweep.status()).as(sweep.body()).isEqualTo(202);
            String sweepId = sweep.json().get("id").asString();

            AtomicBoolean reading = new AtomicBoolean(true);
            Thread reader = new Thread(() -> {
                int k = 0;
                while (reading.get()) {
                    try {
                        Http.Answer answer = replicas[k++ % 2].get(
                                k % 3 == 0 ? "/api/v1/jobs" : "/api/v1/jobs/" + jobs.get(k % JOBS));
                        statuses.merge(answer.status(), 1, Integer::sum);
                        Thread.sleep(50);
                    } catch (Exception e) {
                        statuses.merge(-1, 1, Integer::sum);
                    }
                }
            });
            reader.setDaemon(true);
            reader.start();
            List<JsonNode> finished = new ArrayList<>();
            JsonNode sweepRecord;
            try {
                Thread.sleep(3000);
                postgres.restart();
                Thread.sleep(4000);
                s3.stop();
                Thread.sleep(10_000);
                s3.start();
                Thread.sleep(3000);
                postgres.restart();

                long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
                for (String id : jobs) {
                    finished.add(awaitFinished(replicas[0], id, deadline));
                }
                sweepRecord = awaitSweep(replicas[0], sweepId, deadline);
            } finally {
                // Stopped however the above ends: a failed wait left it reading on into the next test.
                reading.set(false);
                reader.join();
            }

            String logs = Files.readString(work.resolve("alpha.log")) + Files.readString(work.resolve("beta.log"));
            JsonNode models = replicas[0].get("/api/v1/models").json();
            long interruptions = count(logs, "resumed after epoch") + count(logs, "goes back to the queue");
            long epochsTrained = count(logs, "epoch \\d+/" + EPOCHS + ":");
            System.out.printf(
                    "Chaos: %d jobs and a 12-trial sweep on two replicas, PostgreSQL restarted twice, bucket away 10 s:"
                            + " sweep %s, %d epochs trained for %d asked, %d interruptions, reads %s%n",
                    JOBS, sweepRecord.get("status").asString(), epochsTrained, JOBS * EPOCHS, interruptions, statuses);
            for (JsonNode job : finished) {
                String id = job.get("id").asString();
                assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
                assertThat(job.get("epochs").size()).isEqualTo(EPOCHS);
                // Recorded as finished by one replica only. A job a store outage interrupted before its first
                // checkpoint starts again from epoch 0 (its epochs are counted below), so it may start twice.
                assertThat(count(logs, "Job " + id + " SUCCEEDED"))
                        .as("job %s finished once", id)
                        .isEqualTo(1);
                assertThat(count(logs, "Job " + id + " (started on |resumed after epoch )"))
                        .as("job %s started once, or once more for an interruption", id)
                        .isBetween(1L, 1 + interruptions);
                assertThat(models.valueStream()
                                .filter(m -> id.equals(m.get("jobId").asString())))
                        .as("one model for job %s", id)
                        .hasSize(1);
            }
            assertThat(sweepRecord.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(statuses.keySet()).as("no 500, no hang").allMatch(status -> status == 200 || status == 503);
            assertThat(epochsTrained).isLessThanOrEqualTo(JOBS * EPOCHS + interruptions);
        }
    }

    private ServiceProcess replica(String name, OwnPostgres postgres, RestartableS3 s3) throws Exception {
        return new Replica(work, name, s3.endpoint(), "chaos", postgres.url())
                .start("backprop.storage.s3.timeout=15s", "backprop.cluster.lease=15s");
    }

    private static long count(String logs, String regex) {
        return Pattern.compile(regex).matcher(logs).results().count();
    }

    private static JsonNode awaitFinished(Http http, String id, long deadline) {
        return awaitEnd(http, "/api/v1/jobs/" + id, deadline);
    }

    private static JsonNode awaitSweep(Http http, String id, long deadline) {
        return awaitEnd(http, "/api/v1/sweeps/" + id, deadline);
    }

    /** Polls the record at {@code path} until it has finished, until the shared {@code deadline}. */
    private static JsonNode awaitEnd(Http http, String path, long deadline) {
        return Awaitility.await(path + " to finish")
                .atMost(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> http.get(path),
                        answer -> answer.status() == 200
                                && List.of("SUCCEEDED", "FAILED", "CANCELLED")
                                        .contains(answer.json().get("status").asString()))
                .json();
    }
}
