package org.scriptorium.sharing;

import java.util.List;

/**
 * A conversation (咨询) waits for staff: a new question, or the asker wrote again. Those told are in {@code staffIds}
 * (the assignee when there is one, else every staff member in good standing), each in the bell. Published in the
 * transaction that saved the message; it lives beside the log that records it, as {@link ConsultationAnswered} does.
 */
public record ConsultationWaiting(String consultationId, List<String> staffIds) {
}
