package dev.backprop.job;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How replicas sharing one database share the training.
 *
 * @param nodeName     this replica's name in the records of the jobs it trains; default its host name
 *                     and HTTP port
 * @param lease        how long a replica that stops sending heartbeats keeps its running job before
 *                     another replica resumes it from its last checkpoint; heartbeats go at a third of it
 * @param pollInterval how often a replica looks for queued jobs, for cancel requests of the jobs it
 *                     trains, and for news of the jobs whose events it streams
 */
@Validated
@ConfigurationProperties("backprop.cluster")
public record ClusterProperties(
        String nodeName,
        @NotNull @DefaultValue("60s") Duration lease,
        @NotNull @DefaultValue("250ms") Duration pollInterval) {

    Duration heartbeat() {
        return lease.dividedBy(3);
    }
}
