package dev.backprop.process;

import dev.backprop.SharedStores;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3 API (s3proxy, in this JVM, over an in-memory store) that a test can stop and start again on
 * the same port with the same objects: a bucket that goes away for a while, as an outage does.
 */
final class RestartableS3 implements AutoCloseable {

    private final BlobStore objects = ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class)
            .getBlobStore();
    private final int port;
    private S3Proxy proxy;

    RestartableS3() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    synchronized void start() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(objects)
                .awsAuthentication(
                        AuthenticationType.AWS_V2_OR_V4, SharedStores.S3_ACCESS_KEY, SharedStores.S3_SECRET_KEY)
                .endpoint(endpoint())
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        Awaitility.await("s3proxy to start")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> "STARTED".equals(proxy.getState()));
    }

    synchronized void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
