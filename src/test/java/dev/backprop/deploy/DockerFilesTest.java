package dev.backprop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Dockerfile and the compose file, checked without a Docker engine (our machines have none): the
 * compose file parses and wires the service as the README says, and {@code docker compose config}
 * accepts it wherever the compose client is installed.
 */
class DockerFilesTest {

    @Test
    @SuppressWarnings("unchecked")
    void theComposeFileRunsTheServiceWithAVolumeAndTheProperties() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        Map<String, Object> service =
                (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("backprop");
        assertThat(service).containsEntry("build", ".");
        assertThat((List<String>) service.get("ports")).contains("8080:8080");
        assertThat((List<String>) service.get("volumes")).contains("backprop-data:/data");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKey("backprop-data");
        Map<String, String> environment = (Map<String, String>) service.get("environment");
        assertThat(environment)
                .containsEntry("BACKPROP_STORAGE_DIR", "/data")
                .containsKeys(
                        "BACKPROP_STORAGE_TYPE",
                        "BACKPROP_DATASETS_DIR",
                        "BACKPROP_DATASETS_DOWNLOAD",
                        "BACKPROP_TRAINING_MAX_CONCURRENT_JOBS",
                        "BACKPROP_TRAINING_QUEUE_CAPACITY",
                        "BACKPROP_SECURITY_API_KEY");
    }

    @Test
    void theDockerfileBuildsWithTheWrapperAndRunsAsANonRootUserWithAHealthCheck() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile)
                .containsPattern("(?m)^FROM \\S+ AS build$")
                .contains("./mvnw")
                .containsPattern("(?m)^FROM eclipse-temurin:\\d+-jre$")
                .containsPattern("(?m)^USER backprop$")
                .contains("HEALTHCHECK")
                .contains("/actuator/health")
                .contains("--add-modules=jdk.incubator.vector");
    }

    @Test
    void dockerComposeConfigAcceptsTheFileWhereTheClientIsInstalled() throws Exception {
        if (!run("docker", "compose", "version")) {
            System.err.println("SKIPPED: no docker compose client here; the compose file was checked as YAML only");
            return;
        }
        assertThat(run("docker", "compose", "-f", "docker-compose.yml", "config", "--quiet"))
                .isTrue();
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
