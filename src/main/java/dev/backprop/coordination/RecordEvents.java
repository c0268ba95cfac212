package dev.backprop.coordination;

import dev.backprop.job.ClusterProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for leased records: an event with the whole record each time it changes, read from
 * the database every {@code poll-interval}, so a stream opened at any replica follows a record
 * coordinated by any other. The stream ends after a finished record.
 */
public class RecordEvents<T extends CoordinatedRecord> implements SmartLifecycle {

    private static final long STREAM_TIMEOUT_MS = Duration.ofHours(24).toMillis();

    private final LeasedRecords<T> records;
    private final Duration pollInterval;
    private final String eventName;
    private final Map<SseEmitter, Subscription<T>> subscriptions = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService sender;

    protected RecordEvents(LeasedRecords<T> records, ClusterProperties cluster, String eventName) {
        this.records = records;
        this.pollInterval = cluster.pollInterval();
        this.eventName = eventName;
    }

    private static final class Subscription<T> {
        final String id;
        T lastSent;

        Subscription(String id) {
            this.id = id;
        }
    }

    public SseEmitter subscribe(String id) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        subscriptions.put(emitter, new Subscription<>(id));
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
        Subscription<T> subscription = subscriptions.get(emitter);
        if (subscription == null) {
            return;
        }
        records.find(subscription.id).ifPresent(record -> {
            if (record.equals(subscription.lastSent)) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().name(eventName).data(record));
                subscription.lastSent = record;
                if (record.finished()) {
                    subscriptions.remove(emitter);
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException gone) {
                subscriptions.remove(emitter);
            }
        });
    }

    @Override
    public void start() {
        sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, eventName + "-events");
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
