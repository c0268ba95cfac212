package dev.backprop.storage;

import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;

/** A CRC-32 after a file's content, so that a truncated or damaged file is recognised before it is used. */
public final class Checksums {

    private Checksums() {}

    /** {@code content} followed by its CRC-32, big-endian. */
    public static byte[] seal(byte[] content) {
        byte[] sealed = Arrays.copyOf(content, content.length + 4);
        int crc = crc(content, content.length);
        sealed[content.length] = (byte) (crc >>> 24);
        sealed[content.length + 1] = (byte) (crc >>> 16);
        sealed[content.length + 2] = (byte) (crc >>> 8);
        sealed[content.length + 3] = (byte) crc;
        return sealed;
    }

    /** The content of a sealed file. @throws IOException when the checksum does not match */
    public static byte[] open(byte[] sealed) throws IOException {
        if (sealed.length < 4) {
            throw new IOException("truncated: " + sealed.length + " bytes");
        }
        int length = sealed.length - 4;
        int stored = ((sealed[length] & 0xFF) << 24)
                | ((sealed[length + 1] & 0xFF) << 16)
                | ((sealed[length + 2] & 0xFF) << 8)
                | (sealed[length + 3] & 0xFF);
        if (crc(sealed, length) != stored) {
            throw new IOException("checksum mismatch: the file is truncated or corrupted");
        }
        return Arrays.copyOf(sealed, length);
    }

    private static int crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
