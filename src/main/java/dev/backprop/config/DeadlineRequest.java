package dev.backprop.config;

import dev.backprop.failure.BodyTooSlowException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.time.Duration;

/** A request whose body stream fails once its deadline has passed, however slowly the bytes trickle in. */
final class DeadlineRequest extends HttpServletRequestWrapper {

    private final long deadline;
    private final Duration timeout;
    private ServletInputStream stream;

    DeadlineRequest(HttpServletRequest request, long deadline, Duration timeout) {
        super(request);
        this.deadline = deadline;
        this.timeout = timeout;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            ServletInputStream in = super.getInputStream();
            stream = new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    check();
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    check();
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
        return stream;
    }

    private void check() throws BodyTooSlowException {
        if (System.nanoTime() > deadline) {
            throw new BodyTooSlowException(timeout);
        }
    }
}
