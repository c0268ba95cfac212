package dev.backprop.config;

import dev.backprop.blob.StorageProperties;
import dev.backprop.storage.StoreWriteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code store}: DOWN, with the reason, while the disk store cannot be written (full, read-only,
 * its folder gone), so that readiness takes the replica out of a load balancer instead of it accepting
 * uploads and jobs it cannot keep. A store on a volume mounted read-only is UP, saying so: it serves
 * what it holds and refuses writes (507). Part of the readiness group.
 */
@Component("store")
class StoreHealth implements HealthIndicator {

    private static final String READ_ONLY = "Read-only file system";

    private final StorageProperties storage;

    StoreHealth(StorageProperties storage) {
        this.storage = storage;
    }

    @Override
    public Health health() {
        if (!storage.onDisk()) {
            return Health.up().withDetail("type", "memory").build();
        }
        Path probe = storage.dir().resolve(".write-probe");
        try {
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
            return Health.up().build();
        } catch (IOException e) {
            if (READ_ONLY.equals(StoreWriteException.reason(e))) {
                // Mounted read-only: waiting mends nothing, and this replica still serves what is stored.
                return Health.up()
                        .withDetail("mode", "read-only: serves what is stored, answers writes with 507")
                        .build();
            }
            return Health.down()
                    .withDetail("reason", "the store cannot be written: " + StoreWriteException.reason(e))
                    .build();
        }
    }
}
