package dev.backprop.dataset;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A file of a built-in dataset as its publishers distribute it: the name mirrors serve it under, its
 * exact size and its SHA-256. A download is kept only when both match.
 *
 * @param name   e.g. {@code train-images-idx3-ubyte.gz}
 * @param size   bytes
 * @param sha256 lower-case hex digest
 */
public record RemoteFile(String name, long size, String sha256) {

    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    public RemoteFile {
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!HEX_256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 digest: " + sha256);
        }
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
    }

    /** The IDX file it holds, without {@code .gz}: the name {@link IdxFolder} looks for. */
    public String idxName() {
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}
