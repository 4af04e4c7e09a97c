package org.scriptorium.mail;

import java.util.Objects;

/**
 * One plain-text e-mail to one address.
 *
 * @param to      the recipient's address
 * @param subject the subject line, in the reader's language
 * @param text    the body as plain text
 * @param kind    what the letter is for ({@code PASSWORD_RESET}, {@code CONSULTATION_ANSWER} …), for the outbox's log
 */
public record Letter(String to, String subject, String text, String kind) {

    public Letter {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
    }
}
