package org.scriptorium.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrfTest {

    private final Prf prf = new Prf("a test key of enough length".getBytes(StandardCharsets.UTF_8));

    @Test
    @DisplayName("the same key and parts give the same output; other parts or another key give another")
    void deterministic() {
        assertThat(prf.bits("m1", "r1", "7")).isEqualTo(prf.bits("m1", "r1", "7"));
        assertThat(prf.bits("m1", "r1", "7")).isNotEqualTo(prf.bits("m1", "r1", "8"));
        assertThat(new Prf("another test key of length".getBytes(StandardCharsets.UTF_8)).bits("m1", "r1", "7"))
                .isNotEqualTo(prf.bits("m1", "r1", "7"));
    }

    @Test
    @DisplayName("parts are joined unambiguously: (ab, c) differs from (a, bc)")
    void unambiguous() {
        assertThat(prf.bits("ab", "c")).isNotEqualTo(prf.bits("a", "bc"));
    }

    @Test
    @DisplayName("unit values lie in [0, 1) and average near one half")
    void unitRange() {
        double sum = 0;
        for (int i = 0; i < 10_000; i++) {
            double u = prf.unit("u", Integer.toString(i));
            assertThat(u).isGreaterThanOrEqualTo(0).isLessThan(1);
            sum += u;
        }
        assertThat(sum / 10_000).isBetween(0.48, 0.52);
    }

    @Test
    @DisplayName("a short key is refused")
    void shortKey() {
        assertThatThrownBy(() -> new Prf(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
