package org.scriptorium.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The daily download cap")
class DownloadCapTest {

    private final DownloadCap cap = new DownloadCap(50);

    private static Set<String> materials(int n) {
        return IntStream.range(0, n).mapToObj(i -> "m" + i).collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    @DisplayName("allows the 50th distinct material of the day and refuses the 51st")
    void fiftyDistinct() {
        assertThat(cap.allows(materials(49), "new")).isTrue();
        assertThat(cap.allows(materials(50), "new")).isFalse();
    }

    @Test
    @DisplayName("always allows a material already downloaded today, in another format, even at the cap")
    void sameMaterialAgain() {
        assertThat(cap.allows(materials(50), "m7")).isTrue();
        assertThat(cap.allows(materials(80), "m7")).isTrue();
    }

    @Test
    @DisplayName("counts calendar days in the library's zone, not UTC")
    void zoneDay() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        // 17:30 UTC is 01:30 the next morning in Shanghai: a new day there.
        Instant lateUtc = Instant.parse("2025-06-01T17:30:00Z");
        assertThat(DownloadCap.startOfDay(lateUtc, shanghai)).isEqualTo(Instant.parse("2025-06-01T16:00:00Z"));
        assertThat(DownloadCap.day(lateUtc, shanghai)).hasToString("2025-06-02");
    }
}
