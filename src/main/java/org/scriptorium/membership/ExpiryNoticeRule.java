package org.scriptorium.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When a member is told that their membership ends: once, {@link #NOTICE} before the end of their continuous period
 * (not before the end of every term: a code redeemed while active extends the period, and the member is told of the
 * new end instead). The notice is keyed by the period's end, so a renewal, which moves the end, earns a new notice.
 */
public final class ExpiryNoticeRule {

    /** How long before the end of a period its member is told. */
    public static final Duration NOTICE = Duration.ofDays(7);

    private ExpiryNoticeRule() {
    }

    /**
     * The end of the period a notice is due for at {@code now}: the period active now, when it ends within
     * {@link #NOTICE} ({@code end − NOTICE <= now < end}) and this end is not among those already told.
     *
     * @param terms   the member's terms, in any order
     * @param noticed the period ends the member has been told of already
     * @return the end to tell the member of (and to record as told), or empty when no notice is due
     * @throws NullPointerException if an argument or a term is null
     */
    public static Optional<Instant> due(Collection<MembershipTerm> terms, Instant now, Set<Instant> noticed) {
        Objects.requireNonNull(noticed, "noticed");
        return MembershipPeriods.activeAt(terms, now)
                .map(MembershipPeriod::endsAt)
                .filter(end -> !now.isBefore(end.minus(NOTICE)))
                .filter(end -> !noticed.contains(end));
    }
}
