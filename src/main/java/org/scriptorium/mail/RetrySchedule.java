package org.scriptorium.mail;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a letter whose sending failed is tried again: after the n-th failed attempt, the n-th delay; after as many
 * failures as there are delays, never (the letter is given up and kept for an administrator to see).
 */
record RetrySchedule(List<Duration> delays) {

    RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("retry delays must be positive: " + delays);
        }
    }

    /** How many attempts a letter gets in all: the first and one per delay. */
    int maxAttempts() {
        return delays.size() + 1;
    }

    /**
     * @param failedAttempts how many attempts have failed so far, counting the one that just failed (from 1)
     * @return how long to wait before the next attempt, or empty when the letter is given up
     */
    Optional<Duration> after(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failed attempts: " + failedAttempts);
        }
        return failedAttempts <= delays.size() ? Optional.of(delays.get(failedAttempts - 1)) : Optional.empty();
    }
}
