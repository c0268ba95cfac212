package dev.backprop.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.backprop.SharedStores;
import dev.backprop.resilience.BackgroundDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Claims and leases on the real PostgreSQL, with replicas racing for the same rows. */
class JobClaimsTest {

    private static JobRecords records;
    private static JobClaims claims;
    private static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void migrate() {
        // A pool, as in the service: a connection opened per statement made the race take 14 s.
        HikariDataSource database = new HikariDataSource();
        database.setJdbcUrl(SharedStores.freshPostgresDatabase());
        database.setUsername(SharedStores.USER);
        database.setPassword(SharedStores.PASSWORD);
        database.setMaximumPoolSize(8);
        Flyway.configure().dataSource(database).load().migrate();
        JdbcClient db = JdbcClient.create(database);
        records = new JobRecords(db, json);
        claims = new JobClaims(BackgroundDatabase.beside(database, 4), records);
    }

    private static String queue() {
        TrainingRequest request = json.readValue("{\"layers\": [784, 10, 10]}", TrainingRequest.class)
                .withDefaults(1);
        String id = UUID.randomUUID().toString();
        records.insert(TrainingJob.queued(id, request, Instant.now()));
        return id;
    }

    @Test
    void replicasRacingForQueuedJobsClaimEachExactlyOnce() throws Exception {
        List<String> ids =
                java.util.stream.IntStream.range(0, 40).mapToObj(k -> queue()).toList();
        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        Map<String, Integer> claimCount = new ConcurrentHashMap<>();
        ExecutorService replicas = Executors.newFixedThreadPool(6);
        List<Future<?>> racers = new java.util.ArrayList<>();
        for (int r = 0; r < 6; r++) {
            String worker = "replica-" + r;
            racers.add(replicas.submit(() -> {
                Optional<Job> job;
                while ((job = claims.claimNext(worker, claims.now(), Duration.ofSeconds(30))).isPresent()) {
                    claimedBy.put(job.get().id(), worker);
                    claimCount.merge(job.get().id(), 1, Integer::sum);
                }
            }));
        }
        for (Future<?> racer : racers) {
            racer.get();
        }
        replicas.shutdown();
        assertThat(claimCount.keySet()).containsAll(ids);
        ids.forEach(id -> assertThat(claimCount.get(id)).as("claims of %s", id).isEqualTo(1));
        ids.forEach(id -> assertThat(records.find(id).orElseThrow().worker()).isEqualTo(claimedBy.get(id)));
    }

    @Test
    void aJobWhoseLeaseRanOutGoesBackToTheQueueAndItsOldWorkerCannotRenewIt() {
        String id = queue();
        Job claimed = drainUntil(id, "old");
        Instant later = claims.now().plusSeconds(60);
        assertThat(claims.reclaimExpired(later)).isGreaterThanOrEqualTo(1);
        Job requeued = records.find(id).orElseThrow();
        assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(requeued.resumedFromEpoch()).isZero();
        assertThat(drainUntil(id, "new").worker()).isEqualTo("new");
        assertThat(claims.renew(id, "old", claims.now(), Duration.ofSeconds(30)))
                .as("the old replica lost the job")
                .isFalse();
        assertThat(records.save(claimed, "old")).as("and cannot write it").isFalse();
    }

    /** Claims queued jobs for {@code worker} until {@code id} is among them. */
    private static Job drainUntil(String id, String worker) {
        while (true) {
            Job job = claims.claimNext(worker, claims.now(), Duration.ofSeconds(30))
                    .orElseThrow();
            if (job.id().equals(id)) {
                return job;
            }
        }
    }

    @Test
    void cancellingAQueuedJobCancelsItAndARunningOneAsksItsReplicaToStop() {
        String queued = queue();
        assertThat(claims.cancel(queued, claims.now())).isEqualTo(JobClaims.CancelOutcome.CANCELLED);
        assertThat(records.find(queued).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(claims.cancel(queued, claims.now())).isEqualTo(JobClaims.CancelOutcome.ALREADY_FINISHED);

        String running = queue();
        drainUntil(running, "trainer");
        assertThat(claims.cancel(running, claims.now())).isEqualTo(JobClaims.CancelOutcome.STOPPING);
        assertThat(claims.cancelRequested(java.util.Set.of(running))).containsExactly(running);
        assertThat(claims.cancel("no-such-job", claims.now())).isEqualTo(JobClaims.CancelOutcome.NO_SUCH_JOB);
    }
}
