package org.scriptorium.membership;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Continuous time covered by one or more consecutive (touching or overlapping) terms.
 *
 * @param anchor      the start of the continuous period; the back catalogue is measured from here
 * @param endsAt      the first instant no longer covered (exclusive)
 * @param backCatalog the largest back-catalogue window among the period's terms
 */
public record MembershipPeriod(Instant anchor, Instant endsAt, Duration backCatalog) {

    /**
     * @throws NullPointerException     if any component is null
     * @throws IllegalArgumentException if {@code anchor} is not before {@code endsAt}, or
     *                                  {@code backCatalog} is negative
     */
    public MembershipPeriod {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(backCatalog, "backCatalog");
        if (!anchor.isBefore(endsAt)) {
            throw new IllegalArgumentException(
                    "a membership period must end after its anchor: " + anchor + " .. " + endsAt);
        }
        if (backCatalog.isNegative()) {
            throw new IllegalArgumentException("the back-catalogue window must not be negative: " + backCatalog);
        }
    }

    /**
     * The earliest publication instant a member may read in full: {@code anchor − backCatalog}.
     *
     * @return that instant (inclusive), or {@link Instant#MIN} when the window reaches beyond the time line
     */
    public Instant backCatalogFrom() {
        try {
            return anchor.minus(backCatalog);
        } catch (DateTimeException | ArithmeticException e) {
            // A window wider than the time line means "the whole catalogue", not an error.
            return Instant.MIN;
        }
    }

    /**
     * Whether the period covers {@code now}: {@code anchor <= now < endsAt}.
     *
     * @return false at {@code endsAt} itself, the first instant the period has expired
     */
    public boolean isActiveAt(Instant now) {
        Objects.requireNonNull(now, "now");
        return !now.isBefore(anchor) && now.isBefore(endsAt);
    }

    /**
     * Whole days left of the period at {@code now}, counted up: 1 on its last day (even its last minute), 0 once it
     * has ended. A period that has not begun counts from {@code now} all the same.
     *
     * @throws NullPointerException if {@code now} is null
     */
    public long daysLeft(Instant now) {
        Objects.requireNonNull(now, "now");
        if (!now.isBefore(endsAt)) {
            return 0;
        }
        Duration left = Duration.between(now, endsAt);
        long days = left.toDays();
        return left.equals(Duration.ofDays(days)) ? days : days + 1;
    }
}
