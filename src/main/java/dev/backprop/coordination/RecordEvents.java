package dev.backprop.coordination;

import dev.backprop.events.EventStreams;
import dev.backprop.job.ClusterProperties;
import dev.backprop.resilience.BackgroundDatabase;
import dev.backprop.resilience.Loops;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for leased records: an event with the whole record each time it changes, read from
 * the database every {@code poll-interval}, so a stream opened at any replica follows a record
 * coordinated by any other. The stream ends after a finished record. The poller only queues events; a
 * pool of writers sends them ({@link EventStreams}), so one client that stops reading stalls no other
 * stream, and a poll that fails (the database away) is logged and tried again at the next interval.
 */
public class RecordEvents<T extends CoordinatedRecord> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RecordEvents.class);
    /** Records one stream may have waiting. */
    private static final int BACKLOG = 64;

    private final LeasedRecords<T> records;
    private final Duration pollInterval;
    private final String eventName;
    private final Map<SseEmitter, Subscription<T>> subscriptions = new ConcurrentHashMap<>();
    private final EventStreams streams;
    private volatile ThreadPoolTaskScheduler sender;

    protected RecordEvents(
            LeasedRecords<T> records, BackgroundDatabase background, ClusterProperties cluster, String eventName) {
        this.records = records.on(background);
        this.pollInterval = cluster.pollInterval();
        this.eventName = eventName;
        this.streams = new EventStreams(eventName + "-events", BACKLOG);
    }

    private static final class Subscription<T> {
        final String id;
        final EventStreams.Stream stream;
        T lastSent;

        Subscription(String id, EventStreams.Stream stream) {
            this.id = id;
            this.stream = stream;
        }
    }

    public SseEmitter subscribe(String id) {
        EventStreams.Stream stream = streams.open();
        SseEmitter emitter = stream.emitter();
        subscriptions.put(emitter, new Subscription<>(id, stream));
        Runnable remove = () -> subscriptions.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        ThreadPoolTaskScheduler current = sender;
        if (current != null) {
            current.execute(() -> send(emitter));
        }
        return emitter;
    }

    private void poll() {
        try {
            subscriptions.keySet().forEach(this::send);
        } catch (RuntimeException failure) {
            // A scheduled task that throws is never run again: log, and poll again next time.
            log.warn("Could not read {} records for their event streams: {}", eventName, failure.toString());
        }
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
            subscription.stream.send(SseEmitter.event().name(eventName).data(record));
            subscription.lastSent = record;
            if (record.finished()) {
                subscriptions.remove(emitter);
                subscription.stream.complete();
            }
        });
    }

    @Override
    public void start() {
        sender = Loops.scheduler(eventName + "-events");
        sender.scheduleWithFixedDelay(this::poll, Instant.now().plus(pollInterval), pollInterval);
    }

    @Override
    public void stop() {
        if (sender != null) {
            sender.shutdown();
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
