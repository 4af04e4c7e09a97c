package org.scriptorium.community;

import java.time.Instant;

/** What staff did in a group, published in the transaction that saved it: the audit log records it. */
public sealed interface GroupModeration {

    String actorId();

    String groupName();

    /** A message was hidden from everyone, for the reason given. */
    record MessageHidden(String actorId, String groupName, String messageId, String authorId, String reason)
            implements GroupModeration {
    }

    /** A member may not post in the group until {@code until}. */
    record MemberMuted(String actorId, String groupName, String userId, Instant until, String reason)
            implements GroupModeration {
    }

    /** A member was removed from the group: it is closed to them. */
    record MemberRemoved(String actorId, String groupName, String userId, String reason) implements GroupModeration {
    }

    /** A member's mute and removal in the group were lifted. */
    record SanctionLifted(String actorId, String groupName, String userId) implements GroupModeration {
    }
}
