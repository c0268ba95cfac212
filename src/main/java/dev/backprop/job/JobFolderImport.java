package dev.backprop.job;

import dev.backprop.blob.BlobStore;
import dev.backprop.blob.StorageProperties;
import dev.backprop.storage.RecordFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Brings the job records of the first release ({@code <storage>/jobs/<id>.json}, the API's job as
 * JSON) and their checkpoints into the database and the blob store at start-up. Each file imported is
 * moved to {@code jobs/imported/}, so it is imported once; one that cannot be read goes to
 * {@code jobs/corrupt/}.
 */
@Component
class JobFolderImport implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(JobFolderImport.class);

    private final StorageProperties storage;
    private final JobRecords records;
    private final BlobStore blobs;
    private final JsonMapper json;

    JobFolderImport(StorageProperties storage, JobRecords records, BlobStore blobs, JsonMapper json) {
        this.storage = storage;
        this.records = records;
        this.blobs = blobs;
        this.json = json;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        Path dir = storage.dir().resolve("jobs");
        if (!storage.onDisk() || !Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (var listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        int imported = 0;
        for (Path file : files) {
            try {
                Job job = json.readValue(file.toFile(), Job.class);
                String problem = problem(job);
                if (problem != null) {
                    log.error("Job record {} {} and was set aside", file.getFileName(), problem);
                    moveTo(file, "corrupt");
                    continue;
                }
                if (!records.exists(job.id())) {
                    importCheckpoint(job.id());
                    records.insert(job);
                    imported++;
                }
                moveTo(file, "imported");
            } catch (RuntimeException e) {
                // Unreadable JSON, or a record the database refuses: one bad file never stops the start.
                log.error("Job record {} is unreadable and was set aside: {}", file.getFileName(), e.getMessage());
                moveTo(file, "corrupt");
            }
        }
        if (imported > 0) {
            log.info("Imported {} job record(s) of the earlier release from {}", imported, dir.toAbsolutePath());
        }
    }

    /** What makes a record unusable, checked before anything is built from it; null if nothing. */
    private static String problem(Job job) {
        if (job.id() == null || !RecordFolder.isSafeId(job.id())) {
            return "has no id or one that is not ours (letters, digits and dashes)";
        }
        if (job.request() == null || job.request().layers() == null) {
            return "has no training request";
        }
        if (job.status() == null || job.createdAt() == null) {
            return "has no status or no creation time";
        }
        return null;
    }

    private void importCheckpoint(String jobId) throws IOException {
        Path folder = storage.dir();
        Path file = folder.resolve(BlobCheckpointStore.key(jobId));
        if (!blobs.isFolder(folder) && Files.isRegularFile(file)) {
            blobs.put(BlobCheckpointStore.key(jobId), Files.readAllBytes(file));
        }
    }

    private static void moveTo(Path file, String folder) {
        try {
            Path target = file.resolveSibling(folder).resolve(file.getFileName());
            Files.createDirectories(target.getParent());
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " aside", e);
        }
    }
}
