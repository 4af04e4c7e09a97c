package org.scriptorium.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HighWaterMarkTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(60);

    @Test
    @DisplayName("ids read one after another leave no gaps and raise the mark")
    void contiguous() {
        HighWaterMark read = new HighWaterMark(8, GRACE, 100);
        read.seen(9, T0);
        read.seen(10, T0);
        assertThat(read.mark()).isEqualTo(10);
        assertThat(read.awaited(T0)).isEmpty();
    }

    @Test
    @DisplayName("the ids skipped on the way up are awaited, lowest first")
    void holesBecomeGaps() {
        HighWaterMark read = new HighWaterMark(8, GRACE, 100);
        read.seen(9, T0);
        read.seen(11, T0);
        read.seen(14, T0);
        assertThat(read.mark()).isEqualTo(14);
        assertThat(read.awaited(T0)).containsExactly(10L, 12L, 13L);
    }

    @Test
    @DisplayName("a gap read later is no longer awaited, and does not move the mark")
    void gapFilled() {
        HighWaterMark read = new HighWaterMark(8, GRACE, 100);
        read.seen(11, T0);
        read.seen(10, T0.plusSeconds(1));
        assertThat(read.mark()).isEqualTo(11);
        assertThat(read.awaited(T0.plusSeconds(1))).containsExactly(9L);
    }

    @Test
    @DisplayName("a gap is awaited for the grace after it was first missed, then forgotten")
    void graceRunsOut() {
        HighWaterMark read = new HighWaterMark(0, GRACE, 100);
        read.seen(2, T0);
        read.seen(4, T0.plusSeconds(30));
        assertThat(read.awaited(T0.plus(GRACE))).as("at the end of the grace").containsExactly(1L, 3L);
        assertThat(read.awaited(T0.plus(GRACE).plusMillis(1))).as("the older one gone").containsExactly(3L);
        assertThat(read.awaited(T0.plusSeconds(91))).isEmpty();
        read.seen(1, T0.plusSeconds(92));
        assertThat(read.awaited(T0.plusSeconds(92))).as("a forgotten gap stays forgotten").isEmpty();
        assertThat(read.mark()).isEqualTo(4);
    }

    @Test
    @DisplayName("at most capacity gaps are kept: of a huge hole, the ids just below the new mark")
    void hugeHoleBounded() {
        HighWaterMark read = new HighWaterMark(0, GRACE, 5);
        read.seen(1_000_000_000L, T0);
        assertThat(read.awaited(T0)).containsExactly(999_999_995L, 999_999_996L, 999_999_997L, 999_999_998L,
                999_999_999L);
    }

    @Test
    @DisplayName("over capacity, the oldest gaps make room for new ones")
    void oldestDropped() {
        HighWaterMark read = new HighWaterMark(0, GRACE, 3);
        read.seen(3, T0);
        read.seen(6, T0.plusSeconds(1));
        assertThat(read.awaited(T0.plusSeconds(1))).containsExactly(2L, 4L, 5L);
    }

    @Test
    @DisplayName("capacity must be positive")
    void capacityPositive() {
        assertThatThrownBy(() -> new HighWaterMark(0, GRACE, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
