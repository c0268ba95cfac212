package dev.backprop.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.engine.Engine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.info.Info;

class EngineInfoContributorTest {

    @Test
    @SuppressWarnings("unchecked")
    void namesTheKernelsThisJvmRuns() {
        Info.Builder builder = new Info.Builder();
        new EngineInfoContributor("2").contribute(builder);
        Map<String, Object> engine =
                (Map<String, Object>) builder.build().getDetails().get("engine");
        assertThat(engine)
                .containsEntry("loops", Engine.kernels())
                .containsEntry("summary", Engine.describe() + ", 2 threads a job")
                .containsEntry("threadsPerJob", "2")
                .containsKey("nativeBlas");
        assertThat(engine.containsKey("missing")).isEqualTo(Engine.missing() != null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void saysThatEachJobChoosesItsThreadsByDefault() {
        Info.Builder builder = new Info.Builder();
        new EngineInfoContributor("auto").contribute(builder);
        Map<String, Object> engine =
                (Map<String, Object>) builder.build().getDetails().get("engine");
        assertThat(engine)
                .containsEntry("threadsPerJob", "auto")
                .containsEntry(
                        "summary", Engine.describe() + ", 1 or 2 threads a job, whichever its first steps time faster");
    }
}
