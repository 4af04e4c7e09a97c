package org.scriptorium.community;

import java.time.Instant;

/**
 * A conversation with the operator (咨询), as its list and its page show it.
 *
 * @param askerId        the signed-in user who opened it, or null for a visitor
 * @param askerName      the asker's display name, or 访客 for a visitor
 * @param visitorEmail   where a visitor is answered; null for a signed-in asker
 * @param subject        what the asker called it, or null
 * @param assigneeId     the staff member who has taken it, or null while unassigned
 * @param assigneeName   that staff member's display name, or null
 * @param awaitingAnswer true when the asker wrote last: staff owe an answer
 * @param updatedAt      when its last message was written (or it was closed)
 */
public record Consultation(String id, String askerId, String askerName, String visitorEmail, String subject,
                           Status status, String assigneeId, String assigneeName, boolean awaitingAnswer,
                           Instant createdAt, Instant updatedAt) {

    /** Open until staff close it; the asker's next message opens it again. */
    public enum Status {
        OPEN, CLOSED
    }

    /** True for a conversation opened by a visitor without an account. */
    public boolean visitor() {
        return askerId == null;
    }

    /** The subject, or a stand-in for a conversation opened without one. */
    public String title() {
        return subject == null ? "（无主题）" : subject;
    }
}
