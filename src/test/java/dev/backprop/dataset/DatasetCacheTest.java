package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.engine.ExampleSet;
import org.junit.jupiter.api.Test;

/**
 * The loaded datasets are bounded by bytes: two evaluations' datasets no longer pin the heap for
 * good, the least recently used goes first, and one a running job holds stays.
 */
class DatasetCacheTest {

    /** 1000 + 100 examples of 784 pixels: 1.7 MB as the cache counts it (pixels and their sparse index). */
    private static Dataset dataset(String name) {
        return new Dataset(
                name,
                new ExampleSet(new byte[1000 * 784], new byte[1000], 784, 10),
                new ExampleSet(new byte[100 * 784], new byte[100], 784, 10));
    }

    private static final long ONE = DatasetCache.bytes(dataset("size"));

    @Test
    void theLeastRecentlyUsedIsForgottenWhenOneMoreWouldPassTheLimit() {
        DatasetCache cache = new DatasetCache(2 * ONE);
        cache.put("a", dataset("a"));
        cache.put("b", dataset("b"));
        assertThat(cache.get("a")).isNotNull(); // a is now the more recently used
        cache.put("c", dataset("c"));
        assertThat(cache.contains("b")).isFalse();
        assertThat(cache.contains("a")).isTrue();
        assertThat(cache.contains("c")).isTrue();
        assertThat(cache.bytes()).isEqualTo(2 * ONE);
    }

    @Test
    void aDatasetARunningJobHoldsIsKeptUntilReleased() {
        DatasetCache cache = new DatasetCache(ONE);
        cache.put("held", dataset("held"));
        cache.hold("held");
        cache.put("other", dataset("other"));
        assertThat(cache.contains("held")).as("held by a running job").isTrue();
        assertThat(cache.contains("other"))
                .as("just loaded, for the one using it")
                .isTrue();
        cache.release("held");
        assertThat(cache.contains("held")).as("released and over the limit").isFalse();
        assertThat(cache.bytes()).isEqualTo(ONE);
    }

    @Test
    void aDatasetLargerThanTheLimitIsStillKeptWhileItIsTheOneInUse() {
        DatasetCache cache = new DatasetCache(ONE / 2);
        cache.put("large", dataset("large"));
        assertThat(cache.contains("large")).isTrue();
        cache.put("next", dataset("next"));
        assertThat(cache.contains("large")).isFalse();
    }
}
