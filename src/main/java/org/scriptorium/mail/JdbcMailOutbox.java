package org.scriptorium.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.scriptorium.common.DbTime;
import org.scriptorium.common.Ids;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code mail_outbox} table: letters written, and whether and when they were sent. */
@Repository
class JdbcMailOutbox implements MailOutbox {

    private static final int MAX_ERROR = 1000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    JdbcMailOutbox(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public String queue(Letter letter) {
        String id = Ids.newId();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO mail_outbox (id, recipient, subject, body, kind, created_at, attempts, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?)""")
                .params(id, letter.to(), letter.subject(), letter.text(), letter.kind(), DbTime.of(now), DbTime.of(now))
                .update();
        events.publishEvent(new LetterQueued(id));
        return id;
    }

    /** The ids of unsent letters due by {@code now} that have attempts left and nobody holds, oldest due first. */
    List<String> due(Instant now, int maxAttempts, int limit) {
        return jdbc.sql("""
                        SELECT id FROM mail_outbox
                         WHERE sent_at IS NULL AND next_attempt_at <= :now AND attempts < :max
                           AND (claimed_until IS NULL OR claimed_until <= :now)
                         ORDER BY next_attempt_at, id
                         LIMIT :limit""")
                .param("now", DbTime.of(now)).param("max", maxAttempts).param("limit", limit)
                .query(String.class).list();
    }

    /**
     * A letter this node holds while it sends it, the attempt it is making (from 1), and until when it holds it: the
     * claim's own mark, so that a node whose claim was taken over changes nothing when it finishes.
     */
    record Claimed(String id, Letter letter, int attempt, Instant until) {
    }

    /**
     * Takes the letter for sending until {@code until}, counting the attempt: one conditional UPDATE, so of several
     * nodes (or threads) asking at once exactly one gets it.
     *
     * @return the letter, or empty when it was sent, is not due, has no attempts left or another node holds it
     */
    Optional<Claimed> claim(String id, Instant now, Instant until, int maxAttempts) {
        // Milliseconds, which every database keeps: the claim is matched again by equality when it ends.
        Instant mark = until.truncatedTo(ChronoUnit.MILLIS);
        int taken = jdbc.sql("""
                        UPDATE mail_outbox SET claimed_until = :until, attempts = attempts + 1
                         WHERE id = :id AND sent_at IS NULL AND next_attempt_at <= :now AND attempts < :max
                           AND (claimed_until IS NULL OR claimed_until <= :now)""")
                .param("until", DbTime.of(mark)).param("id", id).param("now", DbTime.of(now))
                .param("max", maxAttempts).update();
        if (taken != 1) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT recipient, subject, body, kind, attempts FROM mail_outbox WHERE id = ?").param(id)
                .query((rs, n) -> new Claimed(id, new Letter(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)), rs.getInt(5), mark))
                .optional();
    }

    /**
     * The SMTP server accepted the letter.
     *
     * @return false when the claim had run out and another node had taken the letter over (it may send it too)
     */
    boolean markSent(Claimed claim, Instant at) {
        return jdbc.sql("UPDATE mail_outbox SET sent_at = ?, claimed_until = NULL, last_error = NULL WHERE id = ? AND claimed_until = ?")
                .params(DbTime.of(at), claim.id(), DbTime.of(claim.until())).update() == 1;
    }

    /**
     * The attempt failed: the letter is due again at {@code nextAttemptAt}, or, when null, given up (its attempts
     * are all used, so no look finds it due). Nothing changes when another node has taken the letter over.
     */
    void markFailed(Claimed claim, Instant nextAttemptAt, int maxAttempts, String error) {
        String why = error == null ? "unknown error" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        if (nextAttemptAt == null) {
            jdbc.sql("""
                            UPDATE mail_outbox SET claimed_until = NULL, last_error = ?, attempts = GREATEST(attempts, ?)
                             WHERE id = ? AND claimed_until = ?""")
                    .params(why, maxAttempts, claim.id(), DbTime.of(claim.until())).update();
        } else {
            jdbc.sql("UPDATE mail_outbox SET claimed_until = NULL, last_error = ?, next_attempt_at = ? WHERE id = ? AND claimed_until = ?")
                    .params(why, DbTime.of(nextAttemptAt), claim.id(), DbTime.of(claim.until())).update();
        }
    }

    /** Gives an unsent letter its attempts back and makes it due now (an administrator's "send again"). */
    boolean retryNow(String id, Instant now) {
        return jdbc.sql("UPDATE mail_outbox SET attempts = 0, next_attempt_at = ?, claimed_until = NULL WHERE id = ? AND sent_at IS NULL")
                .params(DbTime.of(now), id).update() == 1;
    }

    /** The newest letters first, with their state judged against {@code maxAttempts}. */
    List<OutboxEntry> newest(int limit, int maxAttempts) {
        return jdbc.sql("SELECT * FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT ?").param(limit)
                .query((rs, n) -> entry(rs, maxAttempts)).list();
    }

    /** How many letters wait to be sent (given-up ones not counted). */
    long waiting(int maxAttempts) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND attempts < ?").param(maxAttempts)
                .query(Long.class).single();
    }

    private static OutboxEntry entry(ResultSet rs, int maxAttempts) throws SQLException {
        int attempts = rs.getInt("attempts");
        Instant sentAt = DbTime.toInstant(rs.getObject("sent_at", OffsetDateTime.class));
        OutboxEntry.State state = sentAt != null ? OutboxEntry.State.SENT
                : attempts >= maxAttempts ? OutboxEntry.State.GIVEN_UP
                : attempts > 0 ? OutboxEntry.State.RETRYING : OutboxEntry.State.QUEUED;
        return new OutboxEntry(rs.getString("id"), rs.getString("recipient"), rs.getString("subject"),
                rs.getString("body"), rs.getString("kind"),
                DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)), attempts,
                DbTime.toInstant(rs.getObject("next_attempt_at", OffsetDateTime.class)), sentAt,
                rs.getString("last_error"), state);
    }
}
