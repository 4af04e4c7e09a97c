package org.scriptorium.mail;

import java.time.Instant;

/**
 * One letter in the outbox as an administrator sees it.
 *
 * @param attempts      how many times sending was tried
 * @param nextAttemptAt when it is (or was) due to be tried
 * @param sentAt        when the SMTP server accepted it, or null
 * @param lastError     why the last attempt failed, or null
 */
public record OutboxEntry(String id, String recipient, String subject, String body, String kind, Instant createdAt,
                          int attempts, Instant nextAttemptAt, Instant sentAt, String lastError, State state) {

    /** Where a letter stands. */
    public enum State {
        QUEUED("待发送"), RETRYING("重试中"), SENT("已发送"), GIVEN_UP("已放弃");

        private final String chinese;

        State(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    /** The body with every link token shortened, so that the page shows no working reset or verification link. */
    public String maskedBody() {
        return LinkTokens.mask(body);
    }
}
