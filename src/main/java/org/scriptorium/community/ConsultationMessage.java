package org.scriptorium.community;

import java.time.Instant;

/**
 * One message of a conversation.
 *
 * @param fromStaff  true for the operator's answer, false for the asker's message
 * @param authorName the staff member's display name, the asker's, or 访客
 * @param material   the material a staff answer links to, or null
 */
public record ConsultationMessage(String id, boolean fromStaff, String authorName, String text,
                                  MaterialLink material, Instant createdAt) {

    /**
     * A material named in an answer: its title and the link to its page, nothing of its text. Whether the reader may
     * open the text is decided on that page, by the library, as for any other link.
     */
    public record MaterialLink(String id, String title, String href) {
    }
}
