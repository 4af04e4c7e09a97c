package org.scriptorium.audit;

import java.time.Instant;

/**
 * Which entries to show; null fields match everything.
 *
 * @param actor  part of the actor's e-mail address (case-insensitive)
 * @param target the id of the object acted on, exactly
 * @param from   the first instant included
 * @param until  the first instant no longer included
 */
public record AuditFilter(String actor, AuditAction action, String target, Instant from, Instant until) {

    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null, null);
    }
}
