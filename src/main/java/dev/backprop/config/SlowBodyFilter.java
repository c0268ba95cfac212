package dev.backprop.config;

import dev.backprop.failure.BodyTooLargeException;
import dev.backprop.problem.ProblemWriter;
import dev.backprop.problem.Problems;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps slow request bodies from holding the Tomcat workers (220 trickled bodies held every one, and
 * health timed out). A small body (up to {@code backprop.http.gathered-body-size}, as JSON requests
 * but large batches are) is gathered by non-blocking reads as it arrives, holding no thread, and only
 * complete is handed to the controllers; the bodies being gathered share
 * {@code backprop.http.max-buffered-bodies}. A larger body, or one of unknown length, is read as it is
 * parsed (so that its pixels are counted as they come), by at most {@code backprop.http.max-large-bodies}
 * requests at once. Either way a body not complete within {@code backprop.http.body-timeout} is
 * answered 408, and past a limit a request is answered 429. Multipart uploads are read by the
 * container itself, bounded by its connection timeout.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class SlowBodyFilter extends OncePerRequestFilter {

    private static final int CHUNK = 1 << 16;

    private final HttpProperties properties;
    private final ProblemWriter problems;
    private final long limit;
    private final AtomicLong buffered = new AtomicLong();
    private final Semaphore largeBodies;

    SlowBodyFilter(HttpProperties properties, JsonMapper json) {
        this.properties = properties;
        this.problems = new ProblemWriter(json);
        this.limit = properties.maxBodySize().toBytes();
        this.largeBodies = new Semaphore(properties.maxLargeBodies());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        boolean multipart = type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
        boolean body = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        // Non-blocking reads need the real container; a mock request (slice tests) is read as it always was.
        boolean container = request.getServletContext().getServerInfo().startsWith("Apache Tomcat");
        return multipart || !body || !request.isAsyncSupported() || !container;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length < 0 || length > properties.gatheredBodySize().toBytes()) {
            readWhileParsing(request, response, chain);
            return;
        }
        // The controllers get the wrapper: an async dispatch goes to the request given to startAsync.
        BufferedBodyRequest complete = new BufferedBodyRequest(request);
        AsyncContext async = request.startAsync(complete, response);
        async.setTimeout(properties.bodyTimeout().toMillis());
        Gathering gathering = new Gathering(request, complete, response, async);
        async.addListener(gathering);
        request.getInputStream().setReadListener(gathering);
    }

    private void readWhileParsing(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!largeBodies.tryAcquire()) {
            refuse(
                    response,
                    Problems.BUSY,
                    "too many large request bodies are arriving at once (backprop.http"
                            + ".max-large-bodies); try again shortly");
            return;
        }
        try {
            long deadline = System.nanoTime() + properties.bodyTimeout().toNanos();
            chain.doFilter(new DeadlineRequest(request, deadline, properties.bodyTimeout()), response);
        } finally {
            largeBodies.release();
        }
    }

    private void refuse(HttpServletResponse response, Problems kind, String detail) throws IOException {
        response.setHeader("Connection", "close");
        if (kind.status() == HttpStatus.TOO_MANY_REQUESTS) {
            response.setHeader("Retry-After", "5");
        }
        problems.write(response, kind.detail(detail));
    }

    /** One body being gathered, and what becomes of the request once it is complete, too slow or too large. */
    private final class Gathering implements ReadListener, AsyncListener {
        private final HttpServletRequest request;
        private final BufferedBodyRequest complete;
        private final HttpServletResponse response;
        private final AsyncContext async;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] chunk = new byte[CHUNK];
        private final AtomicBoolean settled = new AtomicBoolean();
        private long reserved;

        Gathering(
                HttpServletRequest request,
                BufferedBodyRequest complete,
                HttpServletResponse response,
                AsyncContext async) {
            this.request = request;
            this.complete = complete;
            this.response = response;
            this.async = async;
        }

        @Override
        public void onDataAvailable() throws IOException {
            ServletInputStream in = request.getInputStream();
            while (in.isReady() && !in.isFinished()) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                if (body.size() + (long) n > limit) {
                    refuse(Problems.PAYLOAD_TOO_LARGE, new BodyTooLargeException(limit).getMessage());
                    return;
                }
                if (buffered.addAndGet(n) > properties.maxBufferedBodies().toBytes()) {
                    buffered.addAndGet(-n);
                    refuse(Problems.BUSY, "too many request bodies are arriving at once; try again shortly");
                    return;
                }
                reserved += n;
                body.write(chunk, 0, n);
            }
        }

        @Override
        public void onAllDataRead() {
            if (settled.compareAndSet(false, true)) {
                complete.body(body.toByteArray());
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (failure instanceof BodyTooLargeException tooLarge) {
                refuse(Problems.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
            } else {
                release();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            refuse(
                    Problems.REQUEST_TIMEOUT,
                    "the body did not arrive within " + properties.bodyTimeout().toSeconds()
                            + " s (backprop.http.body-timeout)");
        }

        @Override
        public void onComplete(AsyncEvent event) {
            release();
        }

        @Override
        public void onError(AsyncEvent event) {
            release();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A controller that streams its answer starts async again; this listener stays until then.
        }

        private void refuse(Problems kind, String detail) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            release();
            try {
                SlowBodyFilter.this.refuse(response, kind, detail);
            } catch (IOException | IllegalStateException gone) {
                // The client is gone; nothing more to tell it.
            } finally {
                async.complete();
            }
        }

        private synchronized void release() {
            buffered.addAndGet(-reserved);
            reserved = 0;
        }
    }
}
