package dev.backprop.process;

import dev.backprop.SharedStores;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A replica of the packaged jar on shared stores, as the outage and replica tests start it: its files in
 * an S3 bucket (the test's s3proxy or a proxy before it), its records in a PostgreSQL of the test's or
 * in its own embedded database, its offline datasets under {@code work/datasets}, its folder and log
 * under {@code work} by its name.
 */
record Replica(Path work, String name, URI bucketEndpoint, String bucket, String databaseUrl) {

    /** The same replica with its records in the embedded database. */
    static Replica embedded(Path work, String name, URI bucketEndpoint, String bucket) {
        return new Replica(work, name, bucketEndpoint, bucket, null);
    }

    /** Starts it with these {@code properties} added. */
    ServiceProcess start(String... properties) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>();
        if (databaseUrl != null) {
            all.addAll(List.of(
                    "spring.datasource.url=" + databaseUrl,
                    "spring.datasource.username=" + SharedStores.USER,
                    "spring.datasource.password=" + SharedStores.PASSWORD));
        }
        all.addAll(List.of(
                "backprop.storage.s3.bucket=" + bucket,
                "backprop.storage.s3.endpoint=" + bucketEndpoint,
                "backprop.storage.dir=" + Files.createDirectories(work.resolve(name)),
                "backprop.datasets.dir=" + work.resolve("datasets"),
                "backprop.datasets.search-dirs=",
                "backprop.datasets.download=false",
                "backprop.cluster.node-name=" + name));
        all.addAll(List.of(properties));
        return ServiceProcess.start(
                work.resolve(name + ".log"),
                Map.of(
                        "AWS_ACCESS_KEY_ID", SharedStores.S3_ACCESS_KEY,
                        "AWS_SECRET_ACCESS_KEY", SharedStores.S3_SECRET_KEY),
                all.toArray(String[]::new));
    }
}
