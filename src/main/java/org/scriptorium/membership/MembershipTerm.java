package org.scriptorium.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One membership: a plan's duration placed on the time line, from a redeemed code or a grant.
 *
 * @param startsAt    the first instant covered (inclusive)
 * @param endsAt      the first instant no longer covered (exclusive)
 * @param backCatalog how far before the anchor of its period the member may read
 */
public record MembershipTerm(Instant startsAt, Instant endsAt, Duration backCatalog) {

    /**
     * @throws NullPointerException     if any component is null
     * @throws IllegalArgumentException if {@code startsAt} is not before {@code endsAt}, or
     *                                  {@code backCatalog} is negative
     */
    public MembershipTerm {
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(backCatalog, "backCatalog");
        if (!startsAt.isBefore(endsAt)) {
            throw new IllegalArgumentException(
                    "a membership term must end after it starts: " + startsAt + " .. " + endsAt);
        }
        if (backCatalog.isNegative()) {
            throw new IllegalArgumentException("the back-catalogue window must not be negative: " + backCatalog);
        }
    }

    /**
     * A term of {@code duration} starting at {@code startsAt}.
     *
     * @throws IllegalArgumentException if {@code duration} is not positive or {@code backCatalog} is negative
     * @throws java.time.DateTimeException if the end falls outside the range of {@link Instant}
     */
    public static MembershipTerm of(Instant startsAt, Duration duration, Duration backCatalog) {
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a membership term must last a positive time: " + duration);
        }
        return new MembershipTerm(startsAt, startsAt.plus(duration), backCatalog);
    }
}
