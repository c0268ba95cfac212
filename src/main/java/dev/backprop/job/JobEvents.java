package dev.backprop.job;

import dev.backprop.events.EventStreams;
import dev.backprop.resilience.BackgroundDatabase;
import dev.backprop.resilience.Loops;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for jobs: {@code epoch} ({@link EpochMetrics}, with the epoch as event id) once
 * per epoch, {@code status} (the whole {@link Job}) at every status change, and {@code progress}
 * ({@link Progress}) a few times a second while an epoch trains. A new subscriber first gets an
 * {@code epoch} event for every epoch already finished, so a chart can be drawn from {@code epoch}
 * events alone, then the job's current {@code status}. The stream ends after a finished job's status.
 *
 * <p>The events come from the job's record, read every {@code poll-interval}, so a stream opened at any
 * replica follows a job training at any other. One thread of its own polls the records; each stream's
 * events are written by {@link EventStreams}, so a slow client holds up neither training nor any other
 * stream.
 */
@Component
class JobEvents implements SmartLifecycle {

    static final long STREAM_TIMEOUT_MS = Duration.ofHours(24).toMillis();
    /** Events one stream may have waiting; a few minutes of progress events. */
    static final int BACKLOG = 256;

    private final JobRecords records;
    private final Duration pollInterval;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    /** Made at each start: a paused context (the test framework pauses idle ones) starts again. */
    private volatile ThreadPoolTaskScheduler sender = Loops.scheduler(THREAD);

    private volatile boolean running;

    /** Writes the streams' events; a stream whose client stopped reading holds one writer, never the others. */
    private final EventStreams streams = new EventStreams("job-events", BACKLOG);

    private static final String THREAD = "job-events";

    JobEvents(JobRecords records, BackgroundDatabase background, ClusterProperties cluster) {
        this.records = records.on(background);
        this.pollInterval = cluster.pollInterval();
    }

    /** Progress of an epoch in training. */
    record Progress(int epoch, double progress) {}

    /** One open stream and what it has been sent, so that nothing is sent twice. */
    private final class Subscriber {
        final EventStreams.Stream stream = streams.open();
        final SseEmitter emitter = stream.emitter();
        int lastEpoch;
        JobStatus lastStatus;
        Progress lastProgress;

        void send(SseEmitter.SseEventBuilder event) {
            stream.send(event);
        }

        void complete() {
            stream.complete();
        }
    }

    SseEmitter subscribe(String jobId) {
        Subscriber subscriber = new Subscriber();
        List<Subscriber> list = subscribers.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>());
        list.add(subscriber);
        Runnable remove = () -> list.remove(subscriber);
        subscriber.emitter.onCompletion(remove);
        subscriber.emitter.onTimeout(remove);
        subscriber.emitter.onError(error -> remove.run());
        sender.execute(() -> records.find(jobId).ifPresent(job -> update(subscriber, job, list)));
        return subscriber.emitter;
    }

    private void poll() {
        subscribers.forEach((jobId, list) -> {
            if (list.isEmpty()) {
                subscribers.remove(jobId, list);
                return;
            }
            Optional<Job> job;
            try {
                job = records.find(jobId);
            } catch (RuntimeException e) {
                return; // the database may be away for a moment; the next round tries again
            }
            job.ifPresent(current -> list.forEach(subscriber -> update(subscriber, current, list)));
        });
    }

    /** Sends a subscriber what changed since it last heard: new epochs, then progress or the new status. */
    private void update(Subscriber subscriber, Job job, List<Subscriber> list) {
        for (EpochMetrics epoch : job.epochs()) {
            if (epoch.epoch() > subscriber.lastEpoch) {
                subscriber.lastEpoch = epoch.epoch();
                send(
                        subscriber,
                        SseEmitter.event()
                                .id(Integer.toString(epoch.epoch()))
                                .name("epoch")
                                .data(epoch));
            }
        }
        if (job.status() != subscriber.lastStatus) {
            subscriber.lastStatus = job.status();
            send(subscriber, SseEmitter.event().name("status").data(job));
        } else if (job.status() == JobStatus.RUNNING) {
            Progress progress = new Progress(Math.max(1, job.currentEpoch()), job.progress());
            if (!Objects.equals(progress, subscriber.lastProgress) && job.progress() > 0) {
                send(subscriber, SseEmitter.event().name("progress").data(progress));
            }
            subscriber.lastProgress = progress;
        }
        if (job.status().finished()) {
            subscriber.complete();
            list.remove(subscriber);
        }
    }

    private static void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        subscriber.send(event);
    }

    @Override
    public void start() {
        if (sender.getScheduledExecutor().isShutdown()) {
            sender = Loops.scheduler(THREAD);
        }
        running = true;
        sender.scheduleWithFixedDelay(this::poll, Instant.now().plus(pollInterval), pollInterval);
    }

    /**
     * Ends every open stream. Runs before the web server's graceful shutdown (a higher phase stops
     * first), which would otherwise wait for these never-ending responses until its timeout.
     */
    @Override
    public void stop() {
        running = false;
        subscribers.values().forEach(list -> list.forEach(subscriber -> subscriber.emitter.complete()));
        subscribers.clear();
        sender.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
