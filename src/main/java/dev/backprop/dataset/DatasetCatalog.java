package dev.backprop.dataset;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Every dataset a job may name: the built-in ones (found on disk or downloaded on first use) and the
 * uploaded ones. Each is kept in memory once loaded, so that every job on MNIST shares one copy of its
 * 55 MB of pixels, up to {@code backprop.datasets.cache-size} in all ({@link DatasetCache}).
 */
@Service
public class DatasetCatalog {

    private static final Logger log = LoggerFactory.getLogger(DatasetCatalog.class);

    private final List<BuiltInDataset> builtIns;
    private final BuiltInFolders folders;
    private final UploadStore uploads;
    private final int maxExamples;
    private final Clock clock = Clock.systemUTC();
    private final DatasetCache loaded;
    private final UploadMemory uploadMemory;
    private final Map<String, Object> loading = new ConcurrentHashMap<>();

    @Autowired
    DatasetCatalog(DatasetProperties properties, UploadStore uploads, MeterRegistry registry) {
        this(
                properties,
                uploads,
                BuiltInDataset.ALL,
                new DatasetDownloader(properties.connectTimeout(), properties.readTimeout(), registry));
    }

    /** A catalogue of other built-in datasets, for tests that serve their own files. */
    DatasetCatalog(
            DatasetProperties properties,
            UploadStore uploads,
            List<BuiltInDataset> builtIns,
            DatasetDownloader downloader) {
        this.uploadMemory = new UploadMemory(properties);
        this.loaded = new DatasetCache(
                properties.cacheSize() != null
                        ? properties.cacheSize().toBytes()
                        : Runtime.getRuntime().maxMemory() / 3);
        this.builtIns = builtIns.stream()
                .map(dataset -> dataset.withMirrors(properties.mirrors().getOrDefault(dataset.id(), dataset.mirrors())))
                .toList();
        this.folders = new BuiltInFolders(properties, downloader);
        this.uploads = uploads;
        this.maxExamples = properties.maxExamples();
    }

    /** The built-in datasets, then the uploaded ones newest first. */
    public List<DatasetInfo> list() {
        List<DatasetInfo> all = new ArrayList<>();
        builtIns.forEach(dataset -> all.add(describe(dataset)));
        uploads.list().forEach(upload -> all.add(DatasetInfo.of(upload)));
        return all;
    }

    /** @throws UnknownDatasetException no dataset has this name */
    public DatasetInfo describe(String name) {
        Optional<BuiltInDataset> builtIn = builtIn(name);
        if (builtIn.isPresent()) {
            return describe(builtIn.get());
        }
        return DatasetInfo.of(upload(name));
    }

    private DatasetInfo describe(BuiltInDataset dataset) {
        Dataset data = loaded.get(dataset.id());
        Optional<IdxFolder> folder = folders.complete(dataset);
        int trainingSize = dataset.trainingSize();
        int testSize = dataset.testSize();
        if (data != null) {
            trainingSize = data.training().count();
            testSize = data.test().count();
        } else if (folder.isPresent()) {
            int[] counts = folder.get().declaredCounts();
            trainingSize = counts[0];
            testSize = counts[1];
        }
        Optional<String> reason = data != null ? Optional.empty() : folders.unavailableReason(dataset);
        return new DatasetInfo(
                dataset.id(),
                dataset.id(),
                dataset.description(),
                true,
                reason.isEmpty(),
                trainingSize,
                testSize,
                IdxFolder.SIDE,
                IdxFolder.SIDE,
                dataset.classNames().size(),
                dataset.classNames(),
                "idx",
                data != null || folder.isPresent(),
                folder.orElseGet(() -> folders.cache(dataset)).dir().toString(),
                null,
                reason.orElse(null));
    }

    /**
     * Checks, without reading them, that a job can have the dataset: its files are at hand or can be
     * downloaded, or it is an upload.
     *
     * @throws UnknownDatasetException     no dataset has this name
     * @throws DatasetUnavailableException it cannot be had; the message says what to put where
     */
    public void requireAvailable(String name) {
        Optional<BuiltInDataset> builtIn = builtIn(name);
        if (builtIn.isEmpty()) {
            upload(name);
            return;
        }
        if (loaded.contains(name)) {
            return;
        }
        folders.unavailableReason(builtIn.get()).ifPresent(reason -> {
            throw new DatasetUnavailableException(name, reason);
        });
    }

    /**
     * The dataset's examples, read on first use (a built-in one downloaded first if need be) and kept.
     *
     * @throws UnknownDatasetException     no dataset has this name
     * @throws DatasetUnavailableException a built-in dataset that is missing and could not be downloaded
     */
    public Dataset load(String name) {
        if (builtIn(name).isEmpty() && uploads.find(name).isEmpty()) {
            // Deleted, perhaps at another replica sharing the records: forget the images kept here.
            loaded.remove(name);
            throw new UnknownDatasetException(name);
        }
        Dataset data = loaded.get(name);
        if (data != null) {
            return data;
        }
        synchronized (loading.computeIfAbsent(name, key -> new Object())) {
            data = loaded.get(name);
            if (data != null) {
                return data;
            }
            long started = System.nanoTime();
            Optional<BuiltInDataset> builtIn = builtIn(name);
            if (builtIn.isPresent()) {
                data = folders.require(builtIn.get()).load(name);
            } else {
                upload(name);
                data = uploads.load(name);
            }
            // Index the non-zero pixels now, once, rather than inside the first job's first epoch.
            data.training().sparse();
            data.test().sparse();
            log.info(
                    "Loaded dataset {}: {} training and {} test images in {} ms",
                    name,
                    data.training().count(),
                    data.test().count(),
                    (System.nanoTime() - started) / 1_000_000);
            loaded.put(name, data);
            return data;
        }
    }

    /** A running job's use of a dataset: kept loaded until closed. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** Keeps the dataset loaded (once it is) until the hold is closed; a running job holds its dataset. */
    public Hold hold(String name) {
        loaded.hold(name);
        return () -> loaded.release(name);
    }

    /**
     * Reads and checks an upload, then keeps it.
     *
     * @throws InvalidDatasetException  naming the part that is wrong; nothing is kept
     * @throws DatasetTooLargeException a part holds more images than the limit
     */
    DatasetInfo add(DatasetUpload upload) throws IOException {
        try (UploadMemory.Reservation reserved = upload.reserve(uploadMemory)) {
            return store(upload);
        }
    }

    private DatasetInfo store(DatasetUpload upload) throws IOException {
        long started = System.nanoTime();
        DatasetUpload.Read read = upload.read(maxExamples);
        UploadedDataset info = new UploadedDataset(
                UUID.randomUUID().toString(),
                upload.name(),
                read.format(),
                read.classes(),
                read.training().count(),
                read.test().count(),
                clock.instant(),
                read.files());
        uploads.save(info, read.training(), read.test());
        log.info(
                "Stored uploaded dataset {} ({}, {}): {} training and {} test images in {} ms",
                info.id(),
                info.name(),
                info.format(),
                info.trainingSize(),
                info.testSize(),
                (System.nanoTime() - started) / 1_000_000);
        return DatasetInfo.of(info);
    }

    /**
     * Removes an uploaded dataset and its images.
     *
     * @throws UnknownDatasetException no uploaded dataset has this id
     */
    void delete(String id) {
        upload(id);
        if (!uploads.delete(id)) {
            throw new UnknownDatasetException(id);
        }
        loaded.remove(id);
        loading.remove(id);
        log.info("Deleted uploaded dataset {}", id);
    }

    boolean isBuiltIn(String name) {
        return builtIn(name).isPresent();
    }

    private Optional<BuiltInDataset> builtIn(String name) {
        return builtIns.stream().filter(dataset -> dataset.id().equals(name)).findFirst();
    }

    private UploadedDataset upload(String id) {
        return uploads.find(id).orElseThrow(() -> new UnknownDatasetException(id));
    }
}
