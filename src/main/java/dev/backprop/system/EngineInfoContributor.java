package dev.backprop.system;

import dev.backprop.engine.Engine;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * Names the engine's kernels and each job's threads under {@code engine} in {@code /actuator/info}, and says once, as a WARN
 * at start, what this JVM lacks for full-speed training and what it costs.
 */
@Component
class EngineInfoContributor implements InfoContributor {

    private static final Logger log = LoggerFactory.getLogger(EngineInfoContributor.class);

    /** Threads each job trains with; read as a plain value, this package knowing no feature's properties. */
    private final String threadsPerJob;

    EngineInfoContributor(@Value("${backprop.training.threads-per-job:auto}") String threadsPerJob) {
        this.threadsPerJob = threadsPerJob;
        String missing = Engine.missing();
        if (missing != null) {
            log.warn(
                    "Training runs below full speed: {}. Start the jar with "
                            + "`java --add-modules jdk.incubator.vector -jar backprop.jar` on a machine with "
                            + "libopenblas0-pthread.",
                    missing);
        }
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("loops", Engine.kernels());
        engine.put("nativeBlas", Engine.nativeBlas() == null ? "none" : Engine.nativeBlas());
        engine.put("threadsPerJob", threadsPerJob);
        engine.put("summary", Engine.describe() + ", " + threadsAJob());
        String missing = Engine.missing();
        if (missing != null) {
            engine.put("missing", missing);
        }
        builder.withDetail("engine", engine);
    }

    private String threadsAJob() {
        return switch (threadsPerJob) {
            case "1" -> "1 thread a job";
            case "2" -> "2 threads a job";
            default -> "1 or 2 threads a job, whichever its first steps time faster";
        };
    }
}
