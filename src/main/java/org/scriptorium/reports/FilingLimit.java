package org.scriptorium.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * How often one user may file a report: at most {@code perDay} in any 24 hours. Reports are read by people, and a
 * flood from one account would bury everyone else's.
 */
final class FilingLimit {

    static final Duration WINDOW = Duration.ofHours(24);

    private final int perDay;

    /** @throws IllegalArgumentException if {@code perDay} is not positive */
    FilingLimit(int perDay) {
        if (perDay < 1) {
            throw new IllegalArgumentException("at least one report a day: " + perDay);
        }
        this.perDay = perDay;
    }

    int perDay() {
        return perDay;
    }

    /**
     * @param filed when the user filed their earlier reports (any that are older than 24 hours are ignored)
     * @param now   the current instant
     * @return empty when another report may be filed now; otherwise the first instant at which one may
     */
    Optional<Instant> refusedUntil(Collection<Instant> filed, Instant now) {
        Instant since = now.minus(WINDOW);
        var recent = filed.stream().filter(t -> t.isAfter(since)).sorted(Comparator.reverseOrder()).toList();
        if (recent.size() < perDay) {
            return Optional.empty();
        }
        // Once the perDay-th most recent filing leaves the window, fewer than perDay remain in it.
        return Optional.of(recent.get(perDay - 1).plus(WINDOW));
    }
}
