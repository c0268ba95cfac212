package dev.backprop.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.EmitterSinks;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The streaming that job and sweep events share: the thread that queues events never writes, so a
 * client whose socket stopped taking bytes stalls its own stream only (sweeps' events used to be
 * written on their poller thread, and one such client froze every sweep stream).
 */
class EventStreamsTest {

    @Test
    void aStreamWhoseWritesBlockHoldsUpNeitherTheSenderNorAnotherStream() throws Exception {
        EventStreams streams = new EventStreams("test-events", 8);
        CountDownLatch never = new CountDownLatch(1);
        EventStreams.Stream stalled = streams.open();
        EmitterSinks.attach(stalled.emitter(), never, () -> {});
        AtomicInteger delivered = new AtomicInteger();
        CountDownLatch allDelivered = new CountDownLatch(5);
        EventStreams.Stream healthy = streams.open();
        EmitterSinks.attach(healthy.emitter(), null, () -> {
            delivered.incrementAndGet();
            allDelivered.countDown();
        });

        Instant started = Instant.now();
        for (int k = 0; k < 20; k++) {
            stalled.send(SseEmitter.event().name("sweep").data(k));
        }
        for (int k = 0; k < 5; k++) {
            healthy.send(SseEmitter.event().name("sweep").data(k));
        }

        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(1));
        assertThat(allDelivered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(delivered.get()).isEqualTo(5);
        never.countDown();
    }
}
