package dev.backprop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backprop.dataset.RealMnist;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * network2.py's forward pass in Python with NumPy ({@code export/network2_forward.py}), run as a process.
 * Without python3 and NumPy the calling test is skipped, saying so; under {@code CI=true} it fails.
 */
final class Network2Py {

    private Network2Py() {}

    /** network2.py's labels for the first {@code count} MNIST test digits. */
    static List<Integer> labels(Path model, int count) throws IOException, InterruptedException {
        return run(List.of(model.toString(), RealMnist.folder().toString(), String.valueOf(count)));
    }

    /** Writes {@code model} with a little seeded noise, as network2.py saves, and labels digits with it. */
    static List<Integer> labelsOfPerturbedCopy(Path model, Path out, int count, int seed)
            throws IOException, InterruptedException {
        return run(List.of(
                model.toString(),
                RealMnist.folder().toString(),
                String.valueOf(count),
                "--write-perturbed",
                out.toString(),
                String.valueOf(seed)));
    }

    private static List<Integer> run(List<String> arguments) throws IOException, InterruptedException {
        assumeNumpy();
        Path script = Files.createTempFile("network2_forward", ".py");
        try (InputStream in = Network2Py.class.getResourceAsStream("/export/network2_forward.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of(python(), script.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        Files.delete(script);
        assertThat(process.exitValue()).as(output).isZero();
        return Arrays.stream(output.strip().split(" ")).map(Integer::valueOf).toList();
    }

    private static void assumeNumpy() throws IOException, InterruptedException {
        Process probe = new ProcessBuilder(python(), "-c", "import numpy")
                .redirectErrorStream(true)
                .start();
        boolean present = probe.waitFor(1, TimeUnit.MINUTES) && probe.exitValue() == 0;
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but " + python() + " has no NumPy (Debian: python3-numpy)");
        }
        if (!present) {
            System.err.println("SKIPPED: " + python() + " has no NumPy, so network2.py's forward pass cannot run");
        }
        assumeTrue(present, "skipped: no NumPy for " + python());
    }

    /** Debian's interpreter, which sees Debian's python3-numpy, when present. */
    private static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }
}
