package dev.backprop.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Opens the embedded database only when its disk has room. H2 opening its file on a full disk fails,
 * and in about half the rounds of DiskFullIT that failed open kept the file's lock inside this JVM:
 * every later open then found the database "already in use" until a restart. Refusing the open while
 * the disk is full (as the disk-full write it would meet) leaves the file closed and free, so the first
 * open after space is freed succeeds.
 */
final class FullDiskGuard extends DelegatingDataSource {

    // Opening writes a little (a header, a chunk); below this, an open would meet the full disk.
    static final long ROOM_TO_OPEN = 4L << 20;
    // PostgreSQL's disk_full: a store that cannot be written for now.
    private static final String DISK_FULL = "53100";

    private final Path dir;

    FullDiskGuard(DataSource embedded, Path dir) {
        super(embedded);
        this.dir = dir;
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseWhenFull();
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        refuseWhenFull();
        return super.getConnection(username, password);
    }

    private void refuseWhenFull() throws SQLException {
        long room;
        try {
            room = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException unknown) {
            return; // let the database meet whatever is wrong with the folder, and say so itself
        }
        if (room < ROOM_TO_OPEN) {
            // The same words as a write that meets the full disk, so the service answers alike (507).
            throw new SQLException(
                    "the embedded database is not opened while its disk is full",
                    DISK_FULL,
                    new IOException("No space left on device"));
        }
    }
}
