package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.RateBucketsContract;

class TokenBucketsTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");

        void pass(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    @DisplayName("a key spends its burst, is then told how long to wait, and earns requests back at the rate")
    void burstThenRate() {
        HandClock clock = new HandClock();
        RateBucketsContract.burstThenRate(new TokenBuckets(3, 6, 100, clock), clock::pass); // one back every 10 s
    }

    @Test
    @DisplayName("memory is bounded: at most maxKeys keys are remembered, the least recently seen dropped")
    void boundedKeys() {
        TokenBuckets buckets = new TokenBuckets(1, 1, 1_000, new HandClock());
        for (int i = 0; i < 50_000; i++) {
            buckets.take("10.0." + (i >> 8) + "." + (i & 255));
        }
        assertThat(buckets.size()).isEqualTo(1_000);
        assertThat(buckets.take("10.0.195.79")).as("the most recent key is remembered").isPositive();
    }

    @Test
    @DisplayName("a limit of zero is a configuration mistake, refused at start")
    void badSettings() {
        assertThatThrownBy(() -> new TokenBuckets(0, 1, 1, new HandClock())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBuckets(1, 0, 1, new HandClock())).isInstanceOf(IllegalArgumentException.class);
    }
}
