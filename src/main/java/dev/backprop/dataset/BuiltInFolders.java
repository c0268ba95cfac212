package dev.backprop.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each built-in dataset's four files are: in {@code backprop.datasets.dir/<id>/}, else in
 * {@code <search dir>/<id>/} (Debian's packages), else fetched on first use into the former.
 */
final class BuiltInFolders {

    private final DatasetProperties properties;
    private final DatasetDownloader downloader;
    private final Map<String, Object> downloads = new ConcurrentHashMap<>();

    BuiltInFolders(DatasetProperties properties, DatasetDownloader downloader) {
        this.properties = properties;
        this.downloader = downloader;
    }

    /** The folder downloads go to, and the first place looked in. */
    IdxFolder cache(BuiltInDataset dataset) {
        return new IdxFolder(
                properties.dir().resolve(dataset.id()).toAbsolutePath().normalize());
    }

    /** The first folder that holds all four files. */
    Optional<IdxFolder> complete(BuiltInDataset dataset) {
        List<IdxFolder> candidates = new ArrayList<>();
        candidates.add(cache(dataset));
        for (Path dir : properties.searchDirs()) {
            candidates.add(
                    new IdxFolder(dir.resolve(dataset.id()).toAbsolutePath().normalize()));
        }
        return candidates.stream().filter(IdxFolder::complete).findFirst();
    }

    boolean downloadable(BuiltInDataset dataset) {
        return properties.download() && !dataset.mirrors().isEmpty();
    }

    /** Why a job cannot have the dataset now; empty when its files are at hand or can be fetched. */
    Optional<String> unavailableReason(BuiltInDataset dataset) {
        if (complete(dataset).isPresent() || downloadable(dataset)) {
            return Optional.empty();
        }
        String how = properties.download()
                ? "no mirrors are configured for it (backprop.datasets.mirrors." + dataset.id() + ")"
                : "downloading is off (backprop.datasets.download=false)";
        return Optional.of("dataset '" + dataset.id() + "' is not available: " + how + "; " + whatToPutWhere(dataset));
    }

    /**
     * A folder holding all four files, downloading the missing ones first when allowed. Only one
     * download of a dataset runs at a time; a second caller waits and then finds the files.
     *
     * @throws DatasetUnavailableException when they are missing and cannot be fetched; the message
     *                                     says why and what to put where
     */
    IdxFolder require(BuiltInDataset dataset) {
        Optional<IdxFolder> found = complete(dataset);
        if (found.isPresent()) {
            return found.get();
        }
        unavailableReason(dataset).ifPresent(reason -> {
            throw new DatasetUnavailableException(dataset.id(), reason);
        });
        synchronized (downloads.computeIfAbsent(dataset.id(), id -> new Object())) {
            found = complete(dataset);
            if (found.isPresent()) {
                return found.get();
            }
            IdxFolder cache = cache(dataset);
            List<RemoteFile> missing = dataset.filesFor(cache.missing());
            try {
                downloader.download(dataset.id(), missing, dataset.mirrors(), cache.dir());
            } catch (DatasetDownloader.DownloadFailedException e) {
                throw new DatasetUnavailableException(
                        dataset.id(),
                        "dataset '" + dataset.id() + "' could not be downloaded: " + e.getMessage() + "; "
                                + whatToPutWhere(dataset));
            }
            return complete(dataset)
                    .orElseThrow(() -> new DatasetUnavailableException(
                            dataset.id(),
                            "dataset '" + dataset.id() + "' is incomplete after downloading; "
                                    + whatToPutWhere(dataset)));
        }
    }

    private String whatToPutWhere(BuiltInDataset dataset) {
        IdxFolder cache = cache(dataset);
        return "put " + String.join(", ", cache.missing()) + " (each raw or .gz) into " + cache.dir();
    }
}
