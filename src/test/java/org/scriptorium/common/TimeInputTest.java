package org.scriptorium.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Times typed by an operator or sent to the API: read in three forms, refused outside four-digit years. */
class TimeInputTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    @DisplayName("a date, a local date-time and an offset date-time are read; blank is no time")
    void forms() {
        assertThat(TimeInput.parse("startsAt", "2024-03-15", SHANGHAI)).isEqualTo(Instant.parse("2024-03-14T16:00:00Z"));
        assertThat(TimeInput.parse("startsAt", "2024-03-15T09:00", SHANGHAI)).isEqualTo(Instant.parse("2024-03-15T01:00:00Z"));
        assertThat(TimeInput.parse("startsAt", "2024-03-15T09:00:00Z", SHANGHAI)).isEqualTo(Instant.parse("2024-03-15T09:00:00Z"));
        assertThat(TimeInput.parse("startsAt", " ", SHANGHAI)).isNull();
    }

    @Test
    @DisplayName("a year past 9999 or before 1900 is refused naming the field and the range, never moved into it")
    void outOfRange() {
        assertThatThrownBy(() -> TimeInput.parse("startsAt", "+99999-01-01T00:00:00+08:00", SHANGHAI))
                .isInstanceOfSatisfying(Rejected.class, r -> {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.code()).isEqualTo("OUT_OF_RANGE");
                    assertThat(r.field()).isEqualTo("startsAt");
                    assertThat(r.chinese()).contains("1900-01-01", "9999-12-31", "+99999");
                });
        assertThatThrownBy(() -> TimeInput.parse("publishedAt", "1899-12-31", SHANGHAI))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.field()).isEqualTo("publishedAt"));
        assertThat(TimeInput.parse("publishedAt", "9999-12-31T23:59", SHANGHAI)).isNotNull();
        assertThat(TimeInput.parse("publishedAt", "1900-01-01", SHANGHAI)).isNotNull();
    }

    @Test
    @DisplayName("text that is no time at all stays a 422 INVALID_TIME")
    void malformed() {
        assertThatThrownBy(() -> TimeInput.parse("startsAt", "next tuesday", SHANGHAI))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.code()).isEqualTo("INVALID_TIME"));
    }
}
