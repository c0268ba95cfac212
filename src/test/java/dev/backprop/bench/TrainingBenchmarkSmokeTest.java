package dev.backprop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.dataset.IdxFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the benchmark from rotting: one small epoch of each of the five networks on synthetic digits, no peer. */
class TrainingBenchmarkSmokeTest {

    @TempDir
    Path datasets;

    @Test
    void printsTheFiguresOfEveryNetwork() throws Exception {
        IdxFiles.writeSyntheticDataset(datasets, 1000, 300);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TrainingBenchmark(
                        TrainingBenchmark.parse(new String[] {
                            "--data",
                            datasets.toString(),
                            "--seed-epochs",
                            "1",
                            "--epochs",
                            "1",
                            "--ninety-nine-epochs",
                            "1",
                            "--augmentation-epochs",
                            "2",
                            "--warm-up-epochs",
                            "0",
                            "--busy-sample-ms",
                            "100",
                            "--no-peer",
                            "--no-infer",
                            "--no-explain"
                        }),
                        new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .run();
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertThat(report)
                .contains("1000 training, 300 test images")
                .contains("epoch  1:")
                .containsPattern(
                        "\\| seed \\[784,30,10\\][^|]*\\| \\d+\\.\\d{3} \\| [^|]*loops[^|]*\\| - \\| - \\| ≥ 10\\.0×")
                .containsPattern("\\| modern \\[784,128,64,10\\][^|]*\\| \\d+\\.\\d{3} \\|")
                .containsPattern("\\| \\[784,100,10\\][^|]*\\| \\d+\\.\\d{3} \\|")
                .containsPattern("\\| \\[784,1024,1024,10\\][^|]*\\| \\d+\\.\\d{3} \\|")
                .containsPattern("\\| \\[784,512,512,512,10\\][^|]*\\| \\d+\\.\\d{3} \\|")
                .containsPattern("prediction, frozen seed model, 10,000 images \\| [\\d,]+ images/s")
                .containsPattern("prediction, frozen seed model, 10,000 images, raw bytes \\| [\\d,]+ images/s")
                .containsPattern("machine: .+, \\d+ cores; JDK .+; engine: ")
                .containsPattern("before the run: load average \\S+ \\S+ \\S+; \\d+% of the cores busy")
                .containsPattern("\\| seed, epoch 1 / steady epoch[^|]*\\| [\\d.]+ s / [\\d.]+ s = [\\d.]+×")
                .containsPattern("\\| 99% MNIST test accuracy[^|]*\\| (not reached|[\\d.]+ s of training)")
                .containsPattern("\\| augmentation \\(shift 2[^|]*\\| [\\d.]+ s against [\\d.]+ s an epoch: [\\d.]+×")
                .containsPattern(
                        "\\| wide \\| [\\d.]+ \\([^|]*\\) \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ (met|NOT met) \\|")
                .containsPattern("after the run: load average \\S+ \\S+ \\S+")
                .contains("PyTorch peer: not run");
    }
}
