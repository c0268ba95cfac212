package dev.backprop.job;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
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
 * <p>Events are sent from one thread of their own, in order, so a slow client never holds up training.
 */
@Component
class JobEvents implements SmartLifecycle {

    static final long STREAM_TIMEOUT_MS = Duration.ofHours(24).toMillis();

    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "job-events");
        thread.setDaemon(true);
        return thread;
    });

    /** Progress of an epoch in training. */
    record Progress(int epoch, double progress) {}

    /** One open stream, and the last epoch it was sent, so that no epoch is sent twice. */
    private static final class Subscriber {
        final SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        int lastEpoch;
    }

    /** Opens a stream; {@code current} is read after the subscriber is registered, so no event falls between. */
    SseEmitter subscribe(String jobId, Supplier<Job> current) {
        Subscriber subscriber = new Subscriber();
        List<Subscriber> list = subscribers.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>());
        list.add(subscriber);
        Runnable remove = () -> list.remove(subscriber);
        subscriber.emitter.onCompletion(remove);
        subscriber.emitter.onTimeout(remove);
        subscriber.emitter.onError(error -> remove.run());
        sender.execute(() -> {
            Job job = current.get();
            job.epochs().forEach(epoch -> sendEpoch(subscriber, epoch));
            send(subscriber, "status", job);
            if (job.status().finished()) {
                subscriber.emitter.complete();
                list.remove(subscriber);
            }
        });
        return subscriber.emitter;
    }

    void status(Job job) {
        forEach(job.id(), subscriber -> {
            send(subscriber, "status", job);
            if (job.status().finished()) {
                subscriber.emitter.complete();
            }
        });
        if (job.status().finished()) {
            sender.execute(() -> subscribers.remove(job.id()));
        }
    }

    void epoch(String jobId, EpochMetrics metrics) {
        forEach(jobId, subscriber -> sendEpoch(subscriber, metrics));
    }

    void progress(String jobId, Progress progress) {
        forEach(jobId, subscriber -> send(subscriber, "progress", progress));
    }

    private void forEach(String jobId, java.util.function.Consumer<Subscriber> action) {
        List<Subscriber> list = subscribers.get(jobId);
        if (list != null && !list.isEmpty()) {
            sender.execute(() -> list.forEach(action));
        }
    }

    private static void sendEpoch(Subscriber subscriber, EpochMetrics metrics) {
        if (metrics.epoch() > subscriber.lastEpoch) {
            subscriber.lastEpoch = metrics.epoch();
            send(
                    subscriber,
                    SseEmitter.event()
                            .id(Integer.toString(metrics.epoch()))
                            .name("epoch")
                            .data(metrics));
        }
    }

    private static void send(Subscriber subscriber, String name, Object data) {
        send(subscriber, SseEmitter.event().name(name).data(data));
    }

    private static void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        try {
            subscriber.emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            // The client went away; its emitter's error callback unsubscribes it.
            subscriber.emitter.completeWithError(e);
        }
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
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
