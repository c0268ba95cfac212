package dev.backprop.job;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
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
 * replica follows a job training at any other. One thread of its own sends them, in order, so a slow
 * client never holds up training.
 */
@Component
class JobEvents implements SmartLifecycle {

    static final long STREAM_TIMEOUT_MS = Duration.ofHours(24).toMillis();

    private final JobRecords records;
    private final Duration pollInterval;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    /** Made at each start: a paused context (the test framework pauses idle ones) starts again. */
    private volatile ScheduledExecutorService sender = newSender();

    private volatile boolean running;

    private static ScheduledExecutorService newSender() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "job-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    JobEvents(JobRecords records, ClusterProperties cluster) {
        this.records = records;
        this.pollInterval = cluster.pollInterval();
    }

    /** Progress of an epoch in training. */
    record Progress(int epoch, double progress) {}

    /** One open stream and what it has been sent, so that nothing is sent twice. */
    private static final class Subscriber {
        final SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        int lastEpoch;
        JobStatus lastStatus;
        Progress lastProgress;
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
    private static void update(Subscriber subscriber, Job job, List<Subscriber> list) {
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
            subscriber.emitter.complete();
            list.remove(subscriber);
        }
    }

    private static void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        try {
            subscriber.emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            // The client went away; its emitter's error callback unsubscribes it.
            subscriber.emitter.completeWithError(e);
        }
    }

    @Override
    public void start() {
        if (sender.isShutdown()) {
            sender = newSender();
        }
        running = true;
        sender.scheduleWithFixedDelay(
                this::poll, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
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
        sender.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
