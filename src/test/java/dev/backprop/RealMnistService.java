package dev.backprop;

import dev.backprop.dataset.RealMnist;
import java.util.Map;

/**
 * The one in-memory service on the real MNIST that the tests training on it over REST share: started on
 * first use in a test JVM and left running until the JVM ends (Spring closes it then), as the test
 * context cache keeps a context. Each start of its own cost such a test a context and a reading of the
 * MNIST; the tests that share it look only at their own jobs and models. The page's test keeps a
 * service of its own: it counts the models it lists.
 */
public final class RealMnistService {

    private static RunningService service;

    private RealMnistService() {}

    /** The shared service; skips the calling test, saying so, when the real MNIST is absent. */
    public static synchronized RunningService get() {
        RealMnist.assumePresent();
        if (service == null) {
            service = RunningService.start(Map.of(
                    "backprop.storage.type", "memory",
                    "backprop.datasets.dir", RealMnist.datasetsDir().toString(),
                    "backprop.datasets.download", "false"));
        }
        return service;
    }
}
