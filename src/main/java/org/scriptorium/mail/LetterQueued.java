package org.scriptorium.mail;

/** A letter was written to the outbox; once its transaction commits this node sends it without waiting for a poll. */
record LetterQueued(String id) {
}
