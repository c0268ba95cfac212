package dev.backprop.resilience;

import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link BackgroundDatabase}, closed before the request pool (it depends on it), so an embedded database shuts last. */
@Configuration(proxyBeanMethods = false)
class BackgroundDatabaseConfiguration {

    /** Connections beyond one per training thread: claims and heartbeats, sweeps, learning curves and the events of jobs, sweeps and curves. */
    private static final int SERVICE_THREADS = 6;

    @Bean
    BackgroundDatabase backgroundDatabase(
            DataSource dataSource, @Value("${backprop.training.max-concurrent-jobs:1}") int trainingThreads) {
        return BackgroundDatabase.beside(dataSource, trainingThreads + SERVICE_THREADS);
    }
}
