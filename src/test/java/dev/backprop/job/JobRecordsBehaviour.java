package dev.backprop.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.paging.Page;
import dev.backprop.paging.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the job records do on any database the service runs on, with the schema the migrations make:
 * {@link JobRecordsOnH2SliceTest} and {@link JobRecordsOnPostgresSliceTest} run it on each.
 */
@Import(JobRecords.class)
abstract class JobRecordsBehaviour {

    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

    @Autowired
    JobRecords records;

    @Autowired
    JdbcClient db;

    @Autowired
    JsonMapper json;

    /** Each test's jobs train on a dataset of their own, so that tests sharing the context stay apart. */
    private final String dataset = "set-" + UUID.randomUUID();

    private Job queued(String name, Instant created) {
        TrainingRequest request = json.readValue(
                        "{\"layers\": [784, 10, 10], \"name\": \"" + name + "\", \"dataset\": \"" + dataset + "\"}",
                        TrainingRequest.class)
                .withDefaults(1);
        Job job = TrainingJob.queued(UUID.randomUUID().toString(), request, created);
        records.insert(job);
        return job;
    }

    /** What a claim does to the row ({@code JobClaims}), without the lease arithmetic. */
    private void claim(Job job, String worker) {
        db.sql("UPDATE jobs SET status = 'RUNNING', worker = ? WHERE id = ?")
                .params(worker, job.id())
                .update();
    }

    @Test
    void aJobIsReadBackAsItWasWritten() {
        Job job = queued("round trip", T0);

        Job found = records.find(job.id()).orElseThrow();
        assertThat(found.id()).isEqualTo(job.id());
        assertThat(found.name()).isEqualTo("round trip");
        assertThat(found.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(found.request()).isEqualTo(job.request());
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.epochs()).isEmpty();
        assertThat(records.exists(job.id())).isTrue();
        assertThat(records.find("no-such-job")).isEmpty();
        assertThat(records.exists("no-such-job")).isFalse();
    }

    @Test
    void pagesGoNewestFirstAndTheCursorLeadsThroughEveryJobOnce() {
        List<String> newestFirst = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            newestFirst.add(
                    0, queued("job " + k, T0.plusSeconds(3600L * 24 * 365 + k)).id());
        }
        // Two jobs of the same instant are ordered by id, so that no page boundary can split them twice.
        Job twinA = queued("twin", T0.plusSeconds(3600L * 24 * 365 * 2));
        Job twinB = queued("twin", twinA.createdAt());
        List<String> twins = twinA.id().compareTo(twinB.id()) < 0
                ? List.of(twinA.id(), twinB.id())
                : List.of(twinB.id(), twinA.id());
        List<String> expected = new ArrayList<>(twins);
        expected.addAll(newestFirst);

        List<String> seen = walk(3);
        assertThat(seen.stream().filter(expected::contains).toList()).isEqualTo(expected);
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void aStatusFiltersThePageAndTheCount() {
        Job running = queued("running", T0);
        Job waiting = queued("waiting", T0.plusSeconds(1));
        long runningBefore = records.count(JobStatus.RUNNING);
        claim(running, "replica-a");

        assertThat(records.count(JobStatus.RUNNING)).isEqualTo(runningBefore + 1);
        assertThat(records.page(JobStatus.RUNNING, PageRequest.first(1000)).items())
                .extracting(Job::id)
                .contains(running.id())
                .doesNotContain(waiting.id());
        assertThat(records.page(JobStatus.QUEUED, PageRequest.first(1000)).items())
                .extracting(Job::id)
                .contains(waiting.id())
                .doesNotContain(running.id());
        assertThat(records.unfinishedUsing(dataset)).containsExactlyInAnyOrder(running.id(), waiting.id());
    }

    @Test
    void onlyTheWorkerHoldingARunningJobWritesItsStatus() {
        Job job = queued("claimed", T0);
        claim(job, "replica-a");
        TrainingJob training = new TrainingJob(records.find(job.id()).orElseThrow(), Clock.systemUTC());
        training.failed("out of patience");
        Job failed = training.snapshot();

        assertThat(records.save(failed, "replica-b")).as("another replica").isFalse();
        assertThat(records.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(records.save(failed, "replica-a")).isTrue();
        Job found = records.find(job.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(JobStatus.FAILED);
        assertThat(found.error()).isEqualTo("out of patience");
        assertThat(found.finishedAt()).isNotNull();
        assertThat(records.save(failed, "replica-a")).as("a finished job").isFalse();
        assertThat(records.unfinishedUsing(dataset)).isEmpty();
    }

    @Test
    void aCancelRequestedMeanwhileKeepsAFinishedJobFromBeingSaved() {
        Job job = queued("cancelled meanwhile", T0);
        claim(job, "replica-a");
        db.sql("UPDATE jobs SET cancel_requested = TRUE WHERE id = ?")
                .param(job.id())
                .update();
        assertThat(records.cancelRequested(job.id(), "replica-a")).isTrue();
        assertThat(records.cancelRequested(job.id(), "replica-b")).isFalse();

        TrainingJob training = new TrainingJob(records.find(job.id()).orElseThrow(), Clock.systemUTC());
        training.succeeded("model-1", 1, null);
        assertThat(records.saveUnlessCancelRequested(training.snapshot(), "replica-a"))
                .isFalse();
        assertThat(records.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void onlyAJobNoReplicaClaimedCanBeDeleted() {
        Job waiting = queued("waiting", T0);
        Job running = queued("running", T0);
        claim(running, "replica-a");

        assertThat(records.deleteQueued(running.id())).isFalse();
        assertThat(records.deleteQueued(waiting.id())).isTrue();
        assertThat(records.deleteQueued(waiting.id())).as("twice").isFalse();
        assertThat(records.exists(waiting.id())).isFalse();
        assertThat(records.exists(running.id())).isTrue();
    }

    @Test
    void damagedRowsAreLeftOutOfListsAndPagesAndHideNothingElse() {
        // Older than every other test's jobs, and the damaged rows just newer: a walk of pages of one
        // meets both damaged rows in one page before it reaches the good job.
        Job good = queued("good", T0.minusSeconds(3600L * 24 * 365 * 5));
        java.time.Instant damagedAt = good.createdAt().plusSeconds(1);
        String cutShort = "damaged-" + UUID.randomUUID();
        String unknownStatus = "damaged-" + UUID.randomUUID();
        db.sql("INSERT INTO jobs (id, record_version, name, dataset, request, status, created_at, progress,"
                        + " progress_at_start, current_epoch, cancel_requested)"
                        + " VALUES (?, 1, 'x', ?, ?, ?, ?, 0, 0, 0, FALSE)")
                .params(cutShort, dataset, "{\"layers\": [784, 1", "QUEUED", JobRow.time(damagedAt))
                .update();
        db.sql("INSERT INTO jobs (id, record_version, name, dataset, request, status, created_at, progress,"
                        + " progress_at_start, current_epoch, cancel_requested)"
                        + " VALUES (?, 1, 'x', ?, ?, ?, ?, 0, 0, 0, FALSE)")
                .params(
                        unknownStatus,
                        dataset,
                        json.writeValueAsString(good.request()),
                        "PAUSED",
                        JobRow.time(damagedAt))
                .update();

        assertThat(records.list()).extracting(Job::id).contains(good.id()).doesNotContain(cutShort, unknownStatus);
        assertThat(records.page(null, PageRequest.first(1000)).items())
                .extracting(Job::id)
                .contains(good.id())
                .doesNotContain(cutShort, unknownStatus);
        assertThat(records.find(good.id())).isPresent();

        assertThat(walk(1)).as("a walk of pages of one, past the damaged rows").contains(good.id());
    }

    /** The ids of every job, newest first, as a client following each page's cursor reads them. */
    private List<String> walk(int limit) {
        List<String> seen = new ArrayList<>();
        Page<Job> page = records.page(null, PageRequest.first(limit));
        seen.addAll(page.items().stream().map(Job::id).toList());
        for (int pages = 1; page.next() != null; pages++) {
            assertThat(pages).as("pages followed").isLessThan(10_000);
            page = records.page(null, PageRequest.of(limit, page.next().encode()));
            seen.addAll(page.items().stream().map(Job::id).toList());
        }
        return seen;
    }
}
