package org.scriptorium.reports;

import java.time.Instant;

/**
 * Something a user is told about a case that concerns them (their report decided, their account suspended or
 * restored), kept until they have read it on their page.
 *
 * @param reportId the case it is about
 * @param readAt   when the user saw it; null while unread
 */
public record Notice(String id, String reportId, String title, String body, Instant createdAt, Instant readAt) {

    public boolean unread() {
        return readAt == null;
    }
}
