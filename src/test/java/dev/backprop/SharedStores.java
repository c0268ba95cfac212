package dev.backprop;

import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.Assumptions;

/**
 * What the shared-mode tests share: a database of their own on the PostgreSQL that
 * {@code BACKPROP_TEST_POSTGRES_URL} names (CI starts one; without it these tests skip, saying so,
 * except with {@code CI=true}, where they fail), and an S3 API served in-process by s3proxy over an
 * in-memory store.
 */
public final class SharedStores {

    public static final String USER = "backprop";
    public static final String PASSWORD = "backprop";
    public static final String S3_ACCESS_KEY = "backprop-access";
    public static final String S3_SECRET_KEY = "backprop-secret";

    private SharedStores() {}

    /** Creates an empty database for one test class and answers its JDBC URL. */
    public static String freshPostgresDatabase() {
        String url = System.getenv("BACKPROP_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("BACKPROP_TEST_POSTGRES_URL is not set, and CI=true: the shared-mode tests must run");
            }
            Assumptions.abort("skipped: no PostgreSQL; set BACKPROP_TEST_POSTGRES_URL (.ci/run starts one)");
        }
        String name = "backprop_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a database on " + url + ": " + e.getMessage(), e);
        }
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }

    /** An S3 API on a free loopback port; credentials {@link #S3_ACCESS_KEY} / {@link #S3_SECRET_KEY}. */
    public static S3Proxy startS3() throws Exception {
        var blobs = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .build(BlobStoreContext.class)
                .getBlobStore();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobs)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3_ACCESS_KEY, S3_SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        Awaitility.await("s3proxy to start")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> "STARTED".equals(proxy.getState()));
        return proxy;
    }

    public static URI endpoint(S3Proxy proxy) {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }
}
