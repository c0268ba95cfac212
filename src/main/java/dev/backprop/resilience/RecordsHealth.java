package dev.backprop.resilience;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code records}: DOWN while the record database cannot be reached, UP again on its own once
 * it can. Asked through the service's own pool, so a burst of reads does not make it look down, and
 * answered within the pool's connection timeout (a few seconds), never hanging. Part of readiness.
 */
@Component("records")
class RecordsHealth implements HealthIndicator {

    private final BackgroundDatabase database;

    RecordsHealth(BackgroundDatabase database) {
        this.database = database;
    }

    @Override
    public Health health() {
        try {
            database.jdbc().sql("SELECT 1").query(Integer.class).single();
            return Health.up().build();
        } catch (RuntimeException e) {
            return Health.down()
                    .withDetail("reason", "the record database cannot be reached")
                    .build();
        }
    }
}
