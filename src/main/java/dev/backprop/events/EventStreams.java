package dev.backprop.events;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent event streams whose events are written by a pool of writer threads, one drain at a time
 * per stream, from a bounded backlog of its own: the poller that finds the events never writes to a
 * socket, so a client that stops reading holds up only its own stream, never training, the poller or
 * any other stream. A stream that falls {@code backlog} events behind is closed. Jobs' and sweeps'
 * events share this.
 */
public final class EventStreams {

    private static final Duration STREAM_TIMEOUT = Duration.ofHours(24);
    private static final Object END = new Object();

    private final int backlog;
    private final ExecutorService writers;

    /** @param name names the writer threads ({@code <name>-send-N}) */
    public EventStreams(String name, int backlog) {
        this.backlog = backlog;
        this.writers = Executors.newCachedThreadPool(new ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable runnable) {
                Thread thread = new Thread(runnable, name + "-send-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            }
        });
    }

    public Stream open() {
        return new Stream();
    }

    /** One open stream: events are queued here and written in order by a writer thread. */
    public final class Stream {
        private final SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        private final ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(backlog);
        private final AtomicBoolean draining = new AtomicBoolean();
        private volatile boolean closed;

        public SseEmitter emitter() {
            return emitter;
        }

        /** Queues an event; never blocks. */
        public void send(SseEmitter.SseEventBuilder event) {
            enqueue(event);
        }

        /** Ends the stream after the events already queued. */
        public void complete() {
            enqueue(END);
        }

        private void enqueue(Object item) {
            if (closed) {
                return;
            }
            if (!queue.offer(item)) {
                closed = true;
                queue.clear();
                // Not here: the emitter's lock is held by the write that is stuck, and this is the poller.
                writers.execute(() ->
                        emitter.completeWithError(new IOException("the client fell " + backlog + " events behind")));
                return;
            }
            if (draining.compareAndSet(false, true)) {
                writers.execute(this::drain);
            }
        }

        private void drain() {
            try {
                for (Object item = queue.poll(); item != null && !closed; item = queue.poll()) {
                    if (item == END) {
                        closed = true;
                        emitter.complete();
                    } else {
                        emitter.send((SseEmitter.SseEventBuilder) item);
                    }
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away; its emitter's error callback unsubscribes it.
                closed = true;
                emitter.completeWithError(e);
            } finally {
                draining.set(false);
            }
            if (!queue.isEmpty() && !closed && draining.compareAndSet(false, true)) {
                writers.execute(this::drain);
            }
        }
    }
}
