package dev.backprop.sweep;

import dev.backprop.events.EventStreams;
import dev.backprop.job.ClusterProperties;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for sweeps: a {@code sweep} event with the whole record each time it changes, read
 * from the database every {@code poll-interval}, so a stream opened at any replica follows a sweep run
 * by any other. The stream ends after a finished sweep's record. The poller only queues events; they are
 * written by {@link EventStreams}, as jobs' are, so one client that stops reading stalls no other stream.
 */
@Component
class SweepEvents implements SmartLifecycle {

    /** Records one stream may have waiting. */
    private static final int BACKLOG = 64;

    private final SweepRecords records;
    private final Duration pollInterval;
    private final Map<SseEmitter, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final EventStreams streams = new EventStreams("sweep-events", BACKLOG);
    private volatile ScheduledExecutorService sender;

    SweepEvents(SweepRecords records, ClusterProperties cluster) {
        this.records = records;
        this.pollInterval = cluster.pollInterval();
    }

    private static final class Subscription {
        final String sweepId;
        final EventStreams.Stream stream;
        Sweep lastSent;

        Subscription(String sweepId, EventStreams.Stream stream) {
            this.sweepId = sweepId;
            this.stream = stream;
        }
    }

    SseEmitter subscribe(String sweepId) {
        EventStreams.Stream stream = streams.open();
        SseEmitter emitter = stream.emitter();
        subscriptions.put(emitter, new Subscription(sweepId, stream));
        Runnable remove = () -> subscriptions.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        ScheduledExecutorService current = sender;
        if (current != null) {
            current.execute(() -> send(emitter));
        }
        return emitter;
    }

    private void poll() {
        subscriptions.keySet().forEach(this::send);
    }

    private void send(SseEmitter emitter) {
        Subscription subscription = subscriptions.get(emitter);
        if (subscription == null) {
            return;
        }
        records.find(subscription.sweepId).ifPresent(sweep -> {
            if (sweep.equals(subscription.lastSent)) {
                return;
            }
            subscription.stream.send(SseEmitter.event().name("sweep").data(sweep));
            subscription.lastSent = sweep;
            if (sweep.finished()) {
                subscriptions.remove(emitter);
                subscription.stream.complete();
            }
        });
    }

    @Override
    public void start() {
        sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sweep-events");
            thread.setDaemon(true);
            return thread;
        });
        sender.scheduleWithFixedDelay(
                this::poll, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (sender != null) {
            sender.shutdownNow();
            sender = null;
        }
        subscriptions.keySet().forEach(SseEmitter::complete);
        subscriptions.clear();
    }

    @Override
    public boolean isRunning() {
        return sender != null;
    }
}
