package org.scriptorium.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The filing limit")
class FilingLimitTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final FilingLimit limit = new FilingLimit(5);

    private static List<Instant> hoursAgo(int... hours) {
        return java.util.Arrays.stream(hours).mapToObj(h -> NOW.minus(Duration.ofHours(h))).toList();
    }

    @Test
    @DisplayName("lets a user file up to five reports in 24 hours")
    void underLimit() {
        assertThat(limit.refusedUntil(List.of(), NOW)).isEmpty();
        assertThat(limit.refusedUntil(hoursAgo(1, 2, 3, 4), NOW)).isEmpty();
    }

    @Test
    @DisplayName("refuses the sixth until the oldest of the last five is 24 hours old")
    void atLimit() {
        assertThat(limit.refusedUntil(hoursAgo(1, 2, 3, 4, 20), NOW))
                .contains(NOW.minus(Duration.ofHours(20)).plus(Duration.ofHours(24)));
    }

    @Test
    @DisplayName("counts only the last 24 hours")
    void window() {
        assertThat(limit.refusedUntil(hoursAgo(1, 2, 3, 4, 24, 30, 48), NOW)).isEmpty();
    }

    @Test
    @DisplayName("with more than five in the window, waits until only four remain")
    void beyondLimit() {
        // Filings 1..6 hours ago: the fifth most recent (5 h ago) must leave the window.
        assertThat(limit.refusedUntil(hoursAgo(6, 5, 4, 3, 2, 1), NOW)).contains(NOW.plus(Duration.ofHours(19)));
    }

    @Test
    @DisplayName("needs a positive limit")
    void positive() {
        assertThatThrownBy(() -> new FilingLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
