package dev.backprop.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DerivedJobNameTest {

    @Test
    void aShortLabelIsKeptWhole() {
        assertThat(DerivedJobName.of("tune the seed network", " · trial 3"))
                .isEqualTo("tune the seed network · trial 3");
    }

    @Test
    void aLabelOfTheLongestNameIsCutSoThatTheWholeFitsAndKeepsItsSuffix() {
        String name = DerivedJobName.of("n".repeat(200), " · trial 12");
        assertThat(name).hasSize(DerivedJobName.MAX).endsWith("n… · trial 12");
    }

    @Test
    void theCutNeverSplitsACharacterOutsideTheBasicPlane() {
        // The label has room for 189 = 200 − 10 − 1 characters, and 😀 takes the 189th and 190th.
        String label = "a".repeat(188) + "😀" + "b".repeat(20);
        String name = DerivedJobName.of(label, " · trial 1");
        assertThat(name).startsWith("a".repeat(188) + "…").hasSizeLessThanOrEqualTo(DerivedJobName.MAX);
        assertThat(name.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
                .as("no lone half of a surrogate pair")
                .isTrue();
    }
}
