package org.scriptorium.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Consumer;

/** What every {@link RateBuckets} adapter answers, step by step: the memory and the database ones alike. */
public final class RateBucketsContract {

    private RateBucketsContract() {
    }

    /**
     * For buckets of a burst of 3 earning 6 a minute (one request back every 10 s), on a clock {@code pass} moves: a
     * key spends its burst, is told how long to wait, and earns requests back.
     */
    public static void burstThenRate(RateBuckets buckets, Consumer<Duration> pass) {
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("a")).isZero();
        }
        assertThat(buckets.take("a")).isEqualTo(10);
        assertThat(buckets.take("b")).as("another key has its own burst").isZero();
        pass.accept(Duration.ofSeconds(4));
        assertThat(buckets.take("a")).isEqualTo(6);
        pass.accept(Duration.ofSeconds(6));
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isEqualTo(10);
        pass.accept(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("a")).as("never more than the burst saved up").isZero();
        }
        assertThat(buckets.take("a")).isPositive();
    }
}
