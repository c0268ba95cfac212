package dev.backprop.dataset;

import dev.backprop.storage.AtomicFiles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.net.UnknownHostException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a built-in dataset's files from its mirrors into the cache folder. Each file is streamed to
 * a temporary file beside its final name while its size and SHA-256 are checked; only a file that
 * matches both is forced to disk and renamed into place, so a partial, corrupt or substituted download
 * is never used. A mirror that fails (cannot connect, answers an error, stalls past the read timeout,
 * sends the wrong bytes) is reported and the next one is tried.
 */
public class DatasetDownloader {

    private static final Logger log = LoggerFactory.getLogger(DatasetDownloader.class);
    /** Log a running download's progress at most this often. */
    private static final long PROGRESS_INTERVAL_NANOS = 5_000_000_000L;

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final MeterRegistry registry;

    public DatasetDownloader(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, new SimpleMeterRegistry());
    }

    /** Counts every file fetched or failed from a mirror as {@code backprop.dataset.downloads}. */
    public DatasetDownloader(Duration connectTimeout, Duration readTimeout, MeterRegistry registry) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.registry = registry;
    }

    private void count(String dataset, String outcome) {
        registry.counter("backprop.dataset.downloads", "dataset", dataset, "outcome", outcome)
                .increment();
    }

    /** Why every mirror failed for a file; the message lists each mirror's reason. */
    public static class DownloadFailedException extends IOException {
        public DownloadFailedException(String message) {
            super(message);
        }
    }

    /**
     * Downloads each of {@code files} into {@code folder} under its own name.
     *
     * @throws DownloadFailedException when a file could not be had from any mirror; files fetched
     *                                 before it stay, verified, in the folder
     */
    public void download(String dataset, List<RemoteFile> files, List<URI> mirrors, Path folder)
            throws DownloadFailedException {
        if (mirrors.isEmpty()) {
            throw new DownloadFailedException("no mirrors are configured for " + dataset);
        }
        try {
            Files.createDirectories(folder);
            AtomicFiles.deleteLeftovers(folder);
        } catch (IOException e) {
            throw new DownloadFailedException("cannot write to " + folder + " (" + describe(e) + ")");
        }
        for (RemoteFile file : files) {
            List<String> failures = new ArrayList<>();
            boolean done = false;
            for (URI mirror : mirrors) {
                URI url = resolve(mirror, file.name());
                try {
                    fetch(dataset, file, url, folder);
                    count(dataset, "success");
                    done = true;
                    break;
                } catch (IOException e) {
                    count(dataset, "failure");
                    String reason = describe(e);
                    log.warn("Download of {} from {} failed: {}", file.name(), url, reason);
                    failures.add(url + ": " + reason);
                }
            }
            if (!done) {
                throw new DownloadFailedException(
                        "could not download " + file.name() + " (" + String.join("; ", failures) + ")");
            }
        }
    }

    private static URI resolve(URI mirror, String name) {
        String base = mirror.toString();
        return URI.create(base.endsWith("/") ? base + name : base + "/" + name);
    }

    private void fetch(String dataset, RemoteFile file, URI url, Path folder) throws IOException {
        log.info("Downloading {} {} ({}) from {}", dataset, file.name(), megabytes(file.size()), url);
        long started = System.nanoTime();
        URLConnection connection = url.toURL().openConnection();
        connection.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
        connection.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
        connection.setRequestProperty("User-Agent", "Backprop dataset download");
        // Mirrors serve the .gz files as they are; a transparently decompressing proxy would change them.
        connection.setRequestProperty("Accept-Encoding", "identity");
        Path target = folder.resolve(file.name());
        Path temp = Files.createTempFile(folder, "." + file.name(), AtomicFiles.TEMP_SUFFIX);
        try {
            if (connection instanceof HttpURLConnection http) {
                int status = http.getResponseCode();
                if (status != HttpURLConnection.HTTP_OK) {
                    throw new IOException("HTTP " + status);
                }
            }
            long declared = connection.getContentLengthLong();
            if (declared >= 0 && declared != file.size()) {
                throw new IOException("the mirror offers " + declared + " bytes, expected " + file.size());
            }
            String digest;
            try (InputStream in = connection.getInputStream();
                    FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                digest = copy(dataset, file, in, Channels.newOutputStream(channel));
                channel.force(true);
            }
            if (!digest.equals(file.sha256())) {
                throw new IOException("checksum mismatch: SHA-256 " + digest + ", expected " + file.sha256());
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
            if (connection instanceof HttpURLConnection http) {
                http.disconnect();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info(
                "Downloaded {} {} in {} s, SHA-256 verified",
                dataset,
                file.name(),
                String.format(Locale.ROOT, "%.1f", seconds));
    }

    /** Copies exactly the file's size in bytes, hashing them; fewer or more is a failed download. */
    private static String copy(String dataset, RemoteFile file, InputStream in, OutputStream out) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        long lastLog = System.nanoTime();
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > file.size()) {
                throw new IOException("the mirror sent more than the " + file.size() + " bytes expected");
            }
            sha256.update(buffer, 0, read);
            out.write(buffer, 0, read);
            long now = System.nanoTime();
            if (now - lastLog >= PROGRESS_INTERVAL_NANOS) {
                lastLog = now;
                log.info(
                        "Downloading {} {}: {} of {} ({}%)",
                        dataset, file.name(), megabytes(total), megabytes(file.size()), total * 100 / file.size());
            }
        }
        if (total < file.size()) {
            throw new IOException("the connection ended after " + total + " of " + file.size() + " bytes");
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A failure in words: the exception's message, or its kind when it has none. */
    private static String describe(IOException e) {
        String kind = e instanceof UnknownHostException
                ? "unknown host"
                : e instanceof ConnectException
                        ? "cannot connect"
                        : e instanceof SocketTimeoutException
                                ? "timed out"
                                : e instanceof NoRouteToHostException ? "no route to host" : null;
        if (kind == null) {
            return e.getMessage() == null ? "download failed" : e.getMessage();
        }
        return e.getMessage() == null ? kind : kind + " (" + e.getMessage() + ")";
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
