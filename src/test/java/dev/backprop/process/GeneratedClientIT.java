package dev.backprop.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.dataset.IdxFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API as a client generator sees it, against the packaged service: its live OpenAPI document is
 * valid (swagger-parser), has no errors under the linter's OpenAPI ruleset (spectral:oas), and a
 * TypeScript client generated from it (openapi-typescript, openapi-fetch) type-checks and runs the whole
 * loop. The Node tools come from {@code clients/typescript} ({@code npm ci} there, as {@code .ci/run}
 * does); without them this test is skipped, saying so, and under {@code CI=true} it fails. The one
 * jar-level test that starts {@code java -jar} on the packaged jar with nothing added, as users do
 * (the others start its extracted classes: {@link JarLaunch}).
 */
class GeneratedClientIT {

    private static final Path CLIENT = Path.of("clients/typescript").toAbsolutePath();

    @TempDir
    Path storage;

    @Test
    void aClientGeneratedFromTheLiveDocumentRunsTheWholeLoop() throws Exception {
        assumeNodeTools();
        IdxFiles.writeSyntheticDataset(storage.resolve("datasets/mnist"), 3000, 500);
        Path log = storage.resolve("service.log");
        try (ServiceProcess service = ServiceProcess.startPackaged(
                log,
                "backprop.storage.type=memory",
                "backprop.datasets.dir=" + storage.resolve("datasets"),
                "backprop.datasets.download=false",
                "backprop.datasets.search-dirs=")) {
            Process check = new ProcessBuilder("node", "check.mjs", "http://localhost:" + service.port())
                    .directory(CLIENT.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor(5, TimeUnit.MINUTES)).isTrue();
            System.out.println(output);
            assertThat(check.exitValue()).as(output).isZero();
            assertThat(output)
                    .contains("swagger-parser: valid")
                    .contains("spectral (spectral:oas): no errors")
                    .contains("generated client: job");
        }
    }

    private static void assumeNodeTools() {
        boolean present = Files.isDirectory(CLIENT.resolve("node_modules/openapi-typescript"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but " + CLIENT + "/node_modules is missing: run npm ci there");
        }
        if (!present) {
            System.err.println("SKIPPED: no Node tools in " + CLIENT + " (npm ci --prefix clients/typescript)");
        }
        assumeTrue(present, "skipped: no Node tools in " + CLIENT);
    }
}
