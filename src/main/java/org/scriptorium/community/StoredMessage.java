package org.scriptorium.community;

import java.time.Instant;
import java.util.List;

/**
 * A group message as saved.
 *
 * @param seq      its place in the history (and what read cursors hold)
 * @param mentions the ids of the staff members it mentions
 * @param status   SHOWN; HELD by the leak guard under {@code heldCaseId}, for staff only; or HIDDEN by staff
 */
record StoredMessage(String id, long seq, String groupId, String authorId, String text, String replyTo,
                     List<String> mentions, String imageId, boolean pinned, Status status, String heldCaseId,
                     String hiddenBy, String hiddenReason, Instant createdAt) {

    enum Status { SHOWN, HELD, HIDDEN }
}
