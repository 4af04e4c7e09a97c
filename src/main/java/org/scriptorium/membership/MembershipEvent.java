package org.scriptorium.membership;

import java.time.Instant;

/**
 * Something the operator did to memberships or codes, published in the transaction that saved it. Other modules
 * listen for these (the audit log records them).
 */
public sealed interface MembershipEvent
        permits MembershipEvent.Granted, MembershipEvent.Revoked, MembershipEvent.CodesGenerated,
                MembershipEvent.PlanChanged, MembershipEvent.PlanRetired, MembershipEvent.BatchVoided,
                MembershipEvent.Redeemed {

    /**
     * A plan was granted by hand (by an editor, or as a reward).
     *
     * @param endedBefore when the user's active period ended before the grant; null if none was active
     * @param endsAfter   when it ends now; null if the grant starts later than now
     */
    record Granted(String userId, String planId, String planName, Instant endedBefore, Instant endsAfter,
                   String grantedBy) implements MembershipEvent {
    }

    /** A user's membership was ended now; {@code endedBefore} is when the active period would have ended, or null. */
    record Revoked(String userId, Instant endedBefore) implements MembershipEvent {
    }

    /** A batch of activation codes was generated; {@code channel} is where it is sold, or null. */
    record CodesGenerated(String batchId, String planId, String planName, int count, String channel, String createdBy)
            implements MembershipEvent {
    }

    /** A plan was renamed, or its price, description or shop link changed. */
    record PlanChanged(Plan before, Plan after, String changedBy) implements MembershipEvent {

        public boolean renamed() {
            return !before.name().equals(after.name());
        }
    }

    /** A plan was retired: no new codes, no longer offered; terms and codes already out stay valid. */
    record PlanRetired(String planId, String planName, String retiredBy) implements MembershipEvent {
    }

    /** A batch was voided; {@code unredeemed} of its codes stopped working, the redeemed ones keep their terms. */
    record BatchVoided(String batchId, String planName, String channel, int count, int unredeemed, String voidedBy)
            implements MembershipEvent {
    }

    /**
     * A member redeemed an activation code, adding a term (not audited: the member's own act, kept with the code).
     * Caches of who may read what (the group gate, the stream's viewers) listen for it, so a new member is let in at
     * once rather than when the cache next expires.
     */
    record Redeemed(String userId, String planId, String planName) implements MembershipEvent {
    }
}
