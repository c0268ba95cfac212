package dev.backprop.system;

import dev.backprop.engine.Engine;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * Names the engine's kernels under {@code engine} in {@code /actuator/info}, and says once, as a WARN
 * at start, what this JVM lacks for full-speed training and what it costs.
 */
@Component
class EngineInfoContributor implements InfoContributor {

    private static final Logger log = LoggerFactory.getLogger(EngineInfoContributor.class);

    EngineInfoContributor() {
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
        engine.put("summary", Engine.describe());
        String missing = Engine.missing();
        if (missing != null) {
            engine.put("missing", missing);
        }
        builder.withDetail("engine", engine);
    }
}
