package org.springframework.web.servlet.mvc.method.annotation;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.springframework.http.MediaType;

/**
 * Test access to where an emitter writes, which Spring keeps package-private: a sink that counts what
 * is written, optionally blocking every write as the socket of a client that stopped reading does.
 */
public final class EmitterSinks {

    private EmitterSinks() {}

    /** Attaches a sink to {@code emitter}; its writes wait for {@code release} when that is not null. */
    public static void attach(ResponseBodyEmitter emitter, CountDownLatch release, Runnable onWrite)
            throws IOException {
        emitter.initialize(new ResponseBodyEmitter.Handler() {
            @Override
            public void send(Object data, MediaType mediaType) throws IOException {
                write();
            }

            @Override
            public void send(Set<ResponseBodyEmitter.DataWithMediaType> items) throws IOException {
                write();
            }

            private void write() throws IOException {
                if (release != null) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                }
                onWrite.run();
            }

            @Override
            public void complete() {}

            @Override
            public void completeWithError(Throwable failure) {}

            @Override
            public void onTimeout(Runnable callback) {}

            @Override
            public void onError(Consumer<Throwable> callback) {}

            @Override
            public void onCompletion(Runnable callback) {}
        });
    }
}
