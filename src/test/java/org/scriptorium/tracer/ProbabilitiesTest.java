package org.scriptorium.tracer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Probabilities as editors read them")
class ProbabilitiesTest {

    @Test
    @DisplayName("are powers of ten below a thousandth, with two significant digits")
    void small() {
        assertThat(Probabilities.of(2.3283064365386963E-10)).isEqualTo("2.3 × 10⁻¹⁰");
        assertThat(Probabilities.of(1e-6)).isEqualTo("1.0 × 10⁻⁶");
        assertThat(Probabilities.of(9.99e-7)).isEqualTo("1.0 × 10⁻⁶");
    }

    @Test
    @DisplayName("have a plain form for the PDF's font, which lacks superscripts")
    void plain() {
        assertThat(Probabilities.plain(2.3283064365386963E-10)).isEqualTo("2.3e-10");
        assertThat(Probabilities.plain(1e-6)).isEqualTo("1.0e-6");
        assertThat(Probabilities.plain(0.183)).isEqualTo("0.183");
    }

    @Test
    @DisplayName("are plain decimals from a thousandth up, and zero is zero")
    void large() {
        assertThat(Probabilities.of(0.25)).isEqualTo("0.25");
        assertThat(Probabilities.of(1.0)).isEqualTo("1");
        assertThat(Probabilities.of(0)).isEqualTo("0");
    }
}
