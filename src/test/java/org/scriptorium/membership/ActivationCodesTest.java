package org.scriptorium.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Activation codes")
class ActivationCodesTest {

    static final String CODE = "7KQ2M-XH9PD-3RTWA-ZC8NE";
    static final String CODE_PATTERN = "[" + ActivationCodes.ALPHABET + "]{5}(-[" + ActivationCodes.ALPHABET + "]{5}){3}";

    @Test
    @DisplayName("carry 100 bits of randomness: 20 symbols of a 32-symbol alphabet")
    void hundredBits() {
        assertThat(ActivationCodes.bitsOfRandomness()).isEqualTo(100);
        assertThat(ActivationCodes.ALPHABET).hasSize(32);
        assertThat(ActivationCodes.ALPHABET.chars().distinct().count()).isEqualTo(32);
        assertThat(ActivationCodes.generate(new SecureRandom()).replace("-", "")).hasSize(20);
    }

    @Test
    @DisplayName("never use the confusable characters 0, O, 1 and I")
    void noConfusables() {
        assertThat(ActivationCodes.ALPHABET).doesNotContain("0", "O", "1", "I");
        Random random = new Random(42);
        for (int i = 0; i < 1_000; i++) {
            assertThat(ActivationCodes.generate(random)).matches(CODE_PATTERN).doesNotContain("0", "O", "1", "I");
        }
    }

    @Test
    @DisplayName("are generated grouped as XXXXX-XXXXX-XXXXX-XXXXX")
    void grouped() {
        assertThat(ActivationCodes.generate(new SecureRandom())).matches(CODE_PATTERN).hasSize(23);
    }

    @Test
    @DisplayName("use every symbol of the alphabet")
    void everySymbol() {
        Set<Character> seen = new HashSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            ActivationCodes.generate(random).chars().filter(c -> c != '-').forEach(c -> seen.add((char) c));
        }
        assertThat(seen).hasSize(32);
    }

    @Test
    @DisplayName("10,000 generated codes are all distinct")
    void distinct() {
        RandomGenerator random = new SecureRandom();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            codes.add(ActivationCodes.generate(random));
        }
        assertThat(codes).hasSize(10_000);
    }

    @Test
    @DisplayName("a generated code is already in canonical form")
    void generatedIsCanonical() {
        String code = ActivationCodes.generate(new SecureRandom());
        assertThat(ActivationCodes.normalise(code)).contains(code);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "7KQ2M-XH9PD-3RTWA-ZC8NE",
        "7kq2m-xh9pd-3rtwa-zc8ne",
        "7KQ2MXH9PD3RTWAZC8NE",
        "7KQ2M XH9PD 3RTWA ZC8NE",
        "  7KQ2M-XH9PD-3RTWA-ZC8NE \n",
        "7KQ2M_XH9PD_3RTWA_ZC8NE",
        "7kQ2m--XH9pd - 3RTWA\tZC8NE",
        "７ＫＱ２Ｍ－ＸＨ９ＰＤ－３ＲＴＷＡ－ＺＣ８ＮＥ",
        "７ｋｑ２ｍ　ｘｈ９ｐｄ　３ｒｔｗａ　ｚｃ８ｎｅ",
        "7KQ2M—XH9PD—3RTWA—ZC8NE",
    })
    @DisplayName("normalising accepts lower case, full-width, missing or other dashes, spaces and underscores")
    void accepts(String typed) {
        assertThat(ActivationCodes.normalise(typed)).contains(CODE);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "7KQ2M-XH9PD-3RTWA-ZC8N",      // 19 symbols
        "7KQ2M-XH9PD-3RTWA-ZC8NEE",    // 21 symbols
        "7KQ2M-XH9PD-3RTWA-ZC8N0",     // zero
        "7KQ2M-XH9PD-3RTWA-ZC8NO",     // letter O
        "7KQ2M-XH9PD-3RTWA-ZC8N1",     // one
        "7KQ2M-XH9PD-3RTWA-ZC8NI",     // letter I
        "7kq2m-xh9pd-3rtwa-zc8no",     // lower-case o
        "7KQ2M-XH9PD-3RTWA-ZC8N!",
        "7KQ2M-XH9PD-3RTWA-ZC8N会",
        "----- ----- -----",
    })
    @DisplayName("normalising rejects a wrong length or a character outside the alphabet")
    void rejects(String typed) {
        assertThat(ActivationCodes.normalise(typed)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @DisplayName("normalising rejects nothing typed")
    void rejectsNothing(String typed) {
        assertThat(ActivationCodes.normalise(typed)).isEmpty();
    }

    @Test
    @DisplayName("normalising rejects a very long paste without reading it all")
    void rejectsHuge() {
        assertThat(ActivationCodes.normalise(CODE + " ".repeat(1_000_000))).isEmpty();
    }
}
