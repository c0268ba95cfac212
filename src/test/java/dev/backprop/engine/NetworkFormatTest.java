package dev.backprop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NetworkFormatTest {

    @Test
    void aNetworkReadBackPredictsExactlyAsTheOriginal() throws IOException {
        Architecture architecture = new Architecture(List.of(20, 12, 6, 3), Activation.RELU, Activation.SOFTMAX, true);
        ExampleSet data = Examples.random(100, 20, 3, 1);
        TrainingConfig config = TrainingConfig.builder(architecture)
                .initializer(Initializer.HE)
                .loss(Loss.CROSS_ENTROPY)
                .optimizer(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8))
                .epochs(2)
                .batchSize(10)
                .seed(4)
                .build();
        Network trained =
                new Trainer(config).train(data, null, new TrainingMonitor() {}).network();

        Network read = NetworkFormat.read(new DataInputStream(new ByteArrayInputStream(TrainerTest.bytes(trained))));

        assertThat(read.architecture()).isEqualTo(architecture);
        int[] all = Examples.all(100);
        assertThat(read.freeze().evaluate(data, all, Loss.CROSS_ENTROPY).predicted())
                .isEqualTo(
                        trained.freeze().evaluate(data, all, Loss.CROSS_ENTROPY).predicted());
        assertThat(TrainerTest.bytes(read)).isEqualTo(TrainerTest.bytes(trained));
    }

    @Test
    void refusesWhatIsNotANetwork() throws IOException {
        byte[] good = TrainerTest.bytes(Network.create(Architecture.of(4, 3, 2), Initializer.NORMAL, new Random(1)));
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 'X';
        assertThatThrownBy(() -> read(wrongMagic))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("magic");

        byte[] futureVersion = good.clone();
        futureVersion[7] = 9;
        assertThatThrownBy(() -> read(futureVersion))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 9");

        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 5);
        assertThatThrownBy(() -> read(truncated)).isInstanceOf(IOException.class);
    }

    private static Network read(byte[] bytes) throws IOException {
        return NetworkFormat.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}
