package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    @DisplayName("the bar fills in proportion, shows counts, rate and elapsed time")
    void renders() {
        String line = ProgressBar.render(150_000, 300_000, Duration.ofSeconds(100));
        assertThat(line).startsWith("[" + "#".repeat(15) + "-".repeat(15) + "]")
                .contains(" 50%", "150,000/300,000", "1,500/s", "1m40s");
    }

    @Test
    @DisplayName("an empty library shows a full bar rather than dividing by zero")
    void emptyLibrary() {
        assertThat(ProgressBar.render(0, 0, Duration.ZERO)).startsWith("[" + "#".repeat(30) + "]").contains("100%");
    }
}
