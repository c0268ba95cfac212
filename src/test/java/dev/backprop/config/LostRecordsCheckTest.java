package dev.backprop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Losing the embedded database file is loud: named, and refused unless a rebuild is asked for. */
class LostRecordsCheckTest {

    @TempDir
    Path store;

    @Test
    void aStoreWhoseDatabaseWentMissingRefusesToStartAndNamesTheFilesWithoutRecords() throws Exception {
        LostRecordsCheck.check(store, false); // the first start marks the store
        Files.createDirectories(store.resolve("models"));
        Files.write(store.resolve("models/3f2b.model"), new byte[] {1});
        // The database file was there, then deleted:
        assertThat(store.resolve(LostRecordsCheck.MARKER)).exists();

        assertThatThrownBy(() -> LostRecordsCheck.check(store, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing or empty")
                .hasMessageContaining("models/3f2b.model")
                .hasMessageContaining("backprop.storage.rebuild-records=true");
    }

    @Test
    void anEmptiedDatabaseFileIsLostTooAndARebuildIsAllowedWhenAskedFor() throws Exception {
        LostRecordsCheck.check(store, false);
        Files.write(store.resolve(LostRecordsCheck.DATABASE), new byte[0]);
        assertThatThrownBy(() -> LostRecordsCheck.check(store, false)).isInstanceOf(IllegalStateException.class);

        LostRecordsCheck.check(store, true);
        assertThat(store.resolve(LostRecordsCheck.DATABASE)).doesNotExist();
    }

    @Test
    void aStoreWithItsDatabaseOrAFirstReleaseStoreStarts() throws Exception {
        Files.createDirectories(store.resolve("models"));
        Files.write(store.resolve("models/old.model"), new byte[] {1});
        LostRecordsCheck.check(store, false); // first release: files, never a database
        Files.write(store.resolve(LostRecordsCheck.DATABASE), new byte[] {1, 2, 3});
        LostRecordsCheck.check(store, false);
        assertThat(store.resolve(LostRecordsCheck.MARKER)).exists();
    }
}
