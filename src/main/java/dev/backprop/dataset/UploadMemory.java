package dev.backprop.dataset;

import dev.backprop.failure.CapacityExceededException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The memory uploads being read may take at once ({@code backprop.datasets.max-upload-memory}, by
 * default a quarter of the heap). Each upload reserves what its parts declare, twice over (the images
 * read, then the file written from them), before it inflates them: one that could never fit is refused
 * with 413, one that must wait for others to finish is answered 429 after a short wait.
 */
final class UploadMemory {

    private static final int KB = 1024;
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final long limitBytes;
    private final Semaphore kilobytes;

    UploadMemory(DatasetProperties properties) {
        this.limitBytes = properties.maxUploadMemory() != null
                ? properties.maxUploadMemory().toBytes()
                : Runtime.getRuntime().maxMemory() / 4;
        this.kilobytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, limitBytes / KB), true);
    }

    /** Memory reserved for one upload; closing gives it back. */
    interface Reservation extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param declaredBytes the bytes of images and labels the upload's parts declare
     * @throws DatasetTooLargeException    more than the limit, however long it waited
     * @throws CapacityExceededException   other uploads hold the memory now
     */
    Reservation reserve(String part, long declaredBytes) {
        long needed = declaredBytes * 2;
        if (needed > limitBytes) {
            throw new DatasetTooLargeException(
                    part,
                    "the upload declares " + declaredBytes / (1 << 20) + " MB of images, which needs "
                            + needed / (1 << 20) + " MB to read and keep, more than the " + limitBytes / (1 << 20)
                            + " MB uploads may use (backprop.datasets.max-upload-memory)");
        }
        int permits = (int) Math.max(1, (needed + KB - 1) / KB);
        try {
            if (!kilobytes.tryAcquire(permits, WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CapacityExceededException(
                        "other uploads are using the memory set aside for reading uploads (" + limitBytes / (1 << 20)
                                + " MB, backprop.datasets.max-upload-memory); try again shortly",
                        Duration.ofSeconds(10),
                        CapacityExceededException.Full.WORK_IN_PROGRESS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CapacityExceededException(
                    "the service is stopping", Duration.ofSeconds(10), CapacityExceededException.Full.WORK_IN_PROGRESS);
        }
        return () -> kilobytes.release(permits);
    }
}
