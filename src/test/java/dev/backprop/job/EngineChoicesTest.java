package dev.backprop.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backprop.engine.Activation;
import dev.backprop.engine.Initializer;
import dev.backprop.engine.Loss;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API's choices name the engine's constants one to one, so a choice the engine gains is offered
 * (or knowingly left out here) and none of the API's can name a constant the engine lost.
 */
class EngineChoicesTest {

    @Test
    void hiddenActivationsAreTheEnginesHiddenOnes() {
        assertThat(names(HiddenActivation.values(), HiddenActivation::engine))
                .containsExactly(engineNames(Activation.values(), Activation::allowedInHiddenLayers));
    }

    @Test
    void outputActivationsAreTheEnginesOutputOnes() {
        assertThat(names(OutputActivation.values(), OutputActivation::engine))
                .containsExactly(engineNames(Activation.values(), Activation::allowedInOutputLayer));
    }

    @Test
    void initializersAndLossesAreTheEnginesOwn() {
        // PyTorch's default is the benchmark's, not offered over HTTP (see Initializer.UNIFORM_FAN_IN).
        assertThat(names(WeightInit.values(), WeightInit::engine))
                .containsExactly(engineNames(Initializer.values(), init -> init != Initializer.UNIFORM_FAN_IN));
        assertThat(names(LossFunction.values(), LossFunction::engine))
                .containsExactly(engineNames(Loss.values(), any -> true));
    }

    @Test
    void eachJsonNameIsTheLowerCaseOfTheConstant() {
        assertThat(Stream.of(
                                HiddenActivation.values(),
                                OutputActivation.values(),
                                WeightInit.values(),
                                LossFunction.values())
                        .flatMap(Arrays::stream))
                .allSatisfy(choice ->
                        assertThat(jsonName(choice)).isEqualTo(choice.name().toLowerCase(java.util.Locale.ROOT)));
    }

    private static <A, E extends Enum<E>> String[] names(A[] choices, Function<A, E> engine) {
        return Arrays.stream(choices).map(engine).map(Enum::name).toArray(String[]::new);
    }

    private static <E extends Enum<E>> String[] engineNames(E[] constants, Predicate<E> offered) {
        return Arrays.stream(constants).filter(offered).map(Enum::name).toArray(String[]::new);
    }

    private static String jsonName(Enum<?> choice) {
        return tools.jackson.databind.json.JsonMapper.shared().convertValue(choice, String.class);
    }
}
