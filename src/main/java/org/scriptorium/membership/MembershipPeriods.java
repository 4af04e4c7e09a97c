package org.scriptorium.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Places membership terms on the time line: merges them into periods and finds where a new one goes. */
public final class MembershipPeriods {

    private MembershipPeriods() {
    }

    /**
     * Merges terms into continuous periods. A term that starts at or before the end of the terms
     * before it (touching or overlapping) joins their period; a gap starts a new period with a new anchor.
     *
     * @param terms the terms, in any order; may be empty
     * @return the periods sorted by anchor, separated by gaps; the back catalogue of each is the
     *         largest among its terms
     * @throws NullPointerException if {@code terms} or one of its elements is null
     */
    public static List<MembershipPeriod> merge(Collection<MembershipTerm> terms) {
        Objects.requireNonNull(terms, "terms");
        List<MembershipTerm> sorted = new ArrayList<>(terms);
        sorted.forEach(term -> Objects.requireNonNull(term, "term"));
        sorted.sort(Comparator.comparing(MembershipTerm::startsAt));

        List<MembershipPeriod> periods = new ArrayList<>();
        Instant anchor = null;
        Instant end = null;
        Duration window = null;
        for (MembershipTerm term : sorted) {
            if (anchor != null && !term.startsAt().isAfter(end)) {
                end = max(end, term.endsAt());
                window = max(window, term.backCatalog());
            } else {
                if (anchor != null) {
                    periods.add(new MembershipPeriod(anchor, end, window));
                }
                anchor = term.startsAt();
                end = term.endsAt();
                window = term.backCatalog();
            }
        }
        if (anchor != null) {
            periods.add(new MembershipPeriod(anchor, end, window));
        }
        return List.copyOf(periods);
    }

    /**
     * The period active at {@code now}, if any.
     *
     * @return the period with {@code anchor <= now < endsAt}, or empty when none covers {@code now}
     * @throws NullPointerException if an argument or a term is null
     */
    public static Optional<MembershipPeriod> activeAt(Collection<MembershipTerm> terms, Instant now) {
        Objects.requireNonNull(now, "now");
        // Merged periods are separated by gaps, so at most one can be active.
        return merge(terms).stream().filter(period -> period.isActiveAt(now)).findFirst();
    }

    /**
     * Where a new term of {@code duration} goes when a code is redeemed or time is granted at {@code now}:
     * at the end of the active period if one is active (so it extends that period and keeps its anchor),
     * otherwise at {@code now}.
     *
     * @return the new term; it is not added to {@code terms}
     * @throws NullPointerException     if an argument or a term is null
     * @throws IllegalArgumentException if {@code duration} is not positive or {@code backCatalog} is negative
     * @throws java.time.DateTimeException if the end falls outside the range of {@link Instant}
     */
    public static MembershipTerm nextTerm(
            Collection<MembershipTerm> terms, Instant now, Duration duration, Duration backCatalog) {
        Instant start = activeAt(terms, now).map(MembershipPeriod::endsAt).orElse(now);
        return MembershipTerm.of(start, duration, backCatalog);
    }

    private static <T extends Comparable<? super T>> T max(T a, T b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
