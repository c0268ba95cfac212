package dev.backprop.job;

import dev.backprop.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON file per job under {@code <storage>/jobs}, the {@link Job} record as the API shows it,
 * rewritten atomically at every status change and every epoch.
 */
public class DiskJobStore implements JobStore {

    private static final Logger log = LoggerFactory.getLogger(DiskJobStore.class);

    private final Path dir;
    private final JsonMapper json;

    public DiskJobStore(Path dir, JsonMapper json) {
        this.dir = dir;
        this.json = json;
    }

    @Override
    public void save(Job job) {
        try {
            AtomicFiles.write(dir.resolve(job.id() + ".json"), json.writeValueAsBytes(job));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write job " + job.id(), e);
        }
    }

    @Override
    public List<Job> loadAll() {
        List<Job> jobs = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            AtomicFiles.deleteLeftovers(dir);
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                        .toList()) {
                    try {
                        jobs.add(json.readValue(file.toFile(), Job.class));
                    } catch (JacksonException e) {
                        log.error("Job record {} is unreadable and was skipped: {}", file, e.getOriginalMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the job store at " + dir, e);
        }
        return jobs;
    }
}
