package org.scriptorium.audit;

import java.time.Instant;

/**
 * One operator action: who, what, on which object, when, and the state before and after.
 *
 * @param actorId    who acted; null for the system (start-up tasks such as the demo library)
 * @param actorEmail the actor's address, for reading; null for the system
 * @param targetType what kind of object was acted on: USER, REPORT, MATERIAL, BATCH, NOTICE_RULE or SYNONYMS
 * @param before     the state before, in Chinese; null when there was none
 * @param after      the state after, in Chinese; null when there is none
 */
public record AuditEntry(String id, Instant at, String actorId, String actorEmail, AuditAction action,
                         String targetType, String targetId, String summary, String before, String after) {

    /** Who acted, as pages show it. */
    public String actorLabel() {
        return actorId == null ? "系统" : actorEmail == null ? actorId : actorEmail;
    }
}
