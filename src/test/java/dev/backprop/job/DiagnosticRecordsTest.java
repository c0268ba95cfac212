package dev.backprop.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.SharedStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-layer diagnostics in the records database, H2 (the embedded default) and PostgreSQL: what one
 * service wrote, another opened on the same database reads back, as after a restart.
 */
class DiagnosticRecordsTest {

    static List<Arguments> databases() {
        Supplier<DataSource> h2 = () -> {
            try {
                Path dir = Files.createTempDirectory("backprop-diagnostics-h2");
                return new DriverManagerDataSource(
                        "jdbc:h2:file:" + dir.resolve("backprop") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                        "sa",
                        "");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        Supplier<DataSource> postgres = () -> new DriverManagerDataSource(
                SharedStores.freshPostgresDatabase(), SharedStores.USER, SharedStores.PASSWORD);
        return List.of(Arguments.of("H2", h2), Arguments.of("PostgreSQL", postgres));
    }

    private static LayerMetrics layer(int layer, double gradient, Double updateRatio) {
        double[] edges = new double[21];
        long[] counts = new long[20];
        for (int k = 0; k <= 20; k++) {
            edges[k] = -1 + k * 0.1;
        }
        counts[layer] = 23_520;
        return new LayerMetrics(
                layer,
                10.5,
                gradient * 3,
                gradient,
                updateRatio,
                0.48,
                0.21,
                0.04,
                null,
                new LayerMetrics.WeightHistogram(edges, counts));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void epochsAndStepsKeepTheirLayersAcrossARestart(String name, Supplier<DataSource> database) {
        DataSource source = database.get();
        Flyway.configure().dataSource(source).load().migrate();
        JsonMapper json = JsonMapper.builder().build();
        JobRecords writer = new JobRecords(JdbcClient.create(source), json);
        TrainingRequest request = json.readValue(
                        "{\"layers\": [784, 30, 10], \"diagnostics\": {\"everySteps\": 50}}", TrainingRequest.class)
                .withDefaults(1);
        String id = UUID.randomUUID().toString();
        writer.insert(TrainingJob.queued(id, request, Instant.now()));
        List<LayerMetrics> first = List.of(layer(1, 0.066, 0.0011), layer(2, 0.31, 0.002));
        writer.addStep(id, new StepMetrics(0, 0, List.of(layer(1, 0.07, null), layer(2, 0.3, null))));
        writer.addStep(id, new StepMetrics(1, 50, first));
        writer.addEpoch(id, new EpochMetrics(1, 0.4, 0.9, null, null, 0.3, 0.91, 180, 3000, 3.0, first));
        writer.addStep(id, new StepMetrics(2, 150, first));

        JobRecords reader =
                new JobRecords(JdbcClient.create(source), JsonMapper.builder().build());
        Job read = reader.find(id).orElseThrow();
        assertThat(read.request().diagnostics()).isEqualTo(new DiagnosticsRequest(true, 1000, 50));
        assertThat(read.epochs().get(0).layers()).usingRecursiveComparison().isEqualTo(first);
        assertThat(read.steps()).extracting(StepMetrics::step).containsExactly(0L, 50L, 150L);
        assertThat(read.steps().get(0).layers().get(0).updateRatio()).isNull();
        assertThat(read.steps().get(1).layers()).usingRecursiveComparison().isEqualTo(first);

        reader.keepEpochs(id, 1);
        assertThat(reader.find(id).orElseThrow().steps())
                .as("the steps of the epoch trained again go")
                .extracting(StepMetrics::step)
                .containsExactly(0L, 50L);
        reader.keepEpochs(id, 0);
        assertThat(reader.find(id).orElseThrow().steps()).isEmpty();
    }
}
