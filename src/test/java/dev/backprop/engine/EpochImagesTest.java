package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.engine.augment.Augmentation;
import dev.backprop.engine.augment.Augmenter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Epoch copies of many chunks, which the distortions' thread and the training's thread make together. */
class EpochImagesTest {

    private static final Augmentation DISTORTIONS = new Augmentation(2, 10, 0, new Augmentation.Elastic(34, 4));

    @Test
    void everyEpochsCopyIsEachImageDistortedAsItsPositionSaysWhicheverThreadTookIt() {
        ExampleSet data = Examples.random(1_500, 784, 10, 11);
        int[] train = new int[1_100]; // five chunks, the last short
        for (int i = 0; i < train.length; i++) {
            train[i] = (i * 7) % data.count();
        }
        try (EpochImages images = new EpochImages(data, train, DISTORTIONS, epoch -> 31L * epoch, 3)) {
            for (int epoch = 1; epoch <= 3; epoch++) {
                ExampleSet copy = images.forEpoch(epoch);
                Augmenter augmenter = Augmenter.forEpoch(DISTORTIONS, 31L * epoch, train.length);
                byte[] expected = new byte[train.length * 784];
                for (int i = 0; i < train.length; i++) {
                    augmenter.distort(i, data.pixels(), train[i] * 784, expected, i * 784);
                }
                assertThat(Arrays.equals(copy.pixels(), expected))
                        .as("epoch %d", epoch)
                        .isTrue();
                long nonZero = 0;
                for (byte pixel : expected) {
                    nonZero += pixel != 0 ? 1 : 0;
                }
                assertThat(copy.sparse().start()[train.length]).isEqualTo(nonZero);
            }
        }
    }
}
