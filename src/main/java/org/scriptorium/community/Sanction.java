package org.scriptorium.community;

import java.time.Duration;
import java.time.Instant;

/**
 * What staff decided about one account in one group: muted until a time (with the reason), removed, or both.
 *
 * @param mutedUntil  the end of the mute (exclusive), or null for none
 * @param removed     removed from the group: it is closed to them, history included
 */
record Sanction(Instant mutedUntil, String muteReason, boolean removed, String removeReason) {

    static final Sanction NONE = new Sanction(null, null, false, null);
    /** The shortest and the longest mute staff may give. */
    static final Duration SHORTEST_MUTE = Duration.ofMinutes(1);
    static final Duration LONGEST_MUTE = Duration.ofDays(365);

    /** Whether the account may not post at {@code now}: a mute runs until {@code mutedUntil}, exclusive. */
    boolean mutedAt(Instant now) {
        return mutedUntil != null && now.isBefore(mutedUntil);
    }

    /** This sanction with a mute of {@code length} from {@code now}, replacing any earlier mute. */
    Sanction mute(Instant now, Duration length, String reason) {
        if (length.compareTo(SHORTEST_MUTE) < 0 || length.compareTo(LONGEST_MUTE) > 0) {
            throw new IllegalArgumentException("a mute lasts 1 minute to 365 days: " + length);
        }
        return new Sanction(now.plus(length), reason, removed, removeReason);
    }
}
