package org.scriptorium.community;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * At most {@code max} messages per member within any {@code window} (10 a minute by default), over all groups: a
 * sliding window over the member's own latest messages, so it holds across nodes with no counter of its own.
 */
final class MessageRateRule {

    private final int max;
    private final Duration window;

    MessageRateRule(int max, Duration window) {
        if (max < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate " + max + " per " + window);
        }
        this.max = max;
        this.window = window;
    }

    int max() {
        return max;
    }

    /**
     * @param newestFirst when the member's latest messages were posted, newest first; at least the latest {@code max}
     * @return empty when one more message may be posted now, else how long until it may
     */
    Optional<Duration> wait(List<Instant> newestFirst, Instant now) {
        if (newestFirst.size() < max) {
            return Optional.empty();
        }
        Instant freedAt = newestFirst.get(max - 1).plus(window);
        return now.isBefore(freedAt) ? Optional.of(Duration.between(now, freedAt)) : Optional.empty();
    }
}
