package org.scriptorium.common.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NormalisedTest {

    @Test
    @DisplayName("NFKC folds full-width forms; whitespace, punctuation and invisible characters go; letters are lower-cased")
    void folds() {
        Normalised normalised = Normalised.of("一、\u200B推进 ＡＢＣ２０２４，\uFEFF“乡村\u3000振兴”！\r\nE\u0301");

        assertThat(normalised.text()).isEqualTo("一推进abc2024乡村振兴é");
    }

    @Test
    @DisplayName("every normalised character maps back to where it came from in the input")
    void mapsBack() {
        String input = "（一）\u200B推进ＡＢ，工作";
        Normalised normalised = Normalised.of(input);

        assertThat(normalised.text()).isEqualTo("一推进ab工作");
        for (int i = 0; i < normalised.text().length(); i++) {
            char original = input.charAt(normalised.originalIndex(i));
            assertThat(Normalised.of(String.valueOf(original)).text()).isEqualTo(String.valueOf(normalised.text().charAt(i)));
        }
        assertThatThrownBy(() -> normalised.originalIndex(normalised.text().length()))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    @DisplayName("a base letter and its combining mark compose and map to the base letter")
    void combining() {
        Normalised normalised = Normalised.of("xe\u0301");

        assertThat(normalised.text()).isEqualTo("xé");
        assertThat(normalised.originalIndex(1)).isEqualTo(1);
    }
}
