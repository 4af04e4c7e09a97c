package org.scriptorium.mail;

/**
 * Outgoing e-mail. {@link #queue} writes the letter to the {@code mail_outbox} table in the caller's transaction; it is
 * sent by SMTP after that transaction commits, and retried while the mail server is down, so a letter is never lost
 * and never sent for a change that rolled back.
 */
public interface MailOutbox {

    /** Queues a letter in the current transaction; returns its id in the outbox. */
    String queue(Letter letter);
}
