package org.scriptorium.sharing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.scriptorium.common.DbTime;
import org.scriptorium.common.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code webhook_outbox} table: deliveries not yet made. A node changes a row only while it holds the row's
 * lease, so exactly one node makes each attempt; every change but {@link #lease} and {@link #dropFor} names the lease
 * it expects and does nothing (returns false) when the row is gone or was taken over.
 */
@Repository
class WebhookOutbox {

    /**
     * One pending delivery as a sender holds it.
     *
     * @param payload the JSON sent (and signed), as stored
     * @param attempt the number of the attempt to make next, from 1
     * @param lease   the token of the lease this sender holds
     */
    record Delivery(String webhookId, long eventId, byte[] payload, int attempt, String lease) {

        Delivery withLease(String token) {
            return new Delivery(webhookId, eventId, payload, attempt, token);
        }

        /** The same delivery's next attempt. */
        Delivery next() {
            return new Delivery(webhookId, eventId, payload, attempt + 1, lease);
        }
    }

    private final JdbcClient jdbc;

    WebhookOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues the first attempt of an event for an endpoint, due now and leased to the caller until {@code until}. */
    Delivery add(String webhookId, long eventId, byte[] payload, Instant now, Instant until) {
        Delivery delivery = new Delivery(webhookId, eventId, payload, 1, Ids.newId());
        jdbc.sql("""
                INSERT INTO webhook_outbox (webhook_id, event_id, body, attempt, next_attempt_at, lease_token, leased_until)
                VALUES (?, ?, ?, 1, ?, ?, ?)""")
                .params(webhookId, eventId, payload, DbTime.of(now), delivery.lease(), DbTime.of(until))
                .update();
        return delivery;
    }

    /** Rows due by {@code now} that nobody holds (never leased, or the lease ran out), oldest first; without lease. */
    List<Delivery> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT webhook_id, event_id, body, attempt FROM webhook_outbox
                WHERE next_attempt_at <= ? AND (leased_until IS NULL OR leased_until < ?)
                ORDER BY next_attempt_at LIMIT ?""")
                .params(DbTime.of(now), DbTime.of(now), limit)
                .query(WebhookOutbox::row).list();
    }

    /** Takes a row nobody holds at {@code now}, until {@code until}; true for the one caller that gets it. */
    boolean lease(Delivery delivery, String token, Instant now, Instant until) {
        return jdbc.sql("""
                UPDATE webhook_outbox SET lease_token = ?, leased_until = ?
                WHERE webhook_id = ? AND event_id = ? AND (leased_until IS NULL OR leased_until < ?)""")
                .params(token, DbTime.of(until), delivery.webhookId(), delivery.eventId(), DbTime.of(now))
                .update() == 1;
    }

    /** Keeps holding a row until {@code until}. */
    boolean extend(Delivery delivery, Instant until) {
        return jdbc.sql("""
                UPDATE webhook_outbox SET leased_until = ?
                WHERE webhook_id = ? AND event_id = ? AND lease_token = ?""")
                .params(DbTime.of(until), delivery.webhookId(), delivery.eventId(), delivery.lease())
                .update() == 1;
    }

    /** Makes the next attempt due at {@code due}, still holding the row until {@code until}. */
    boolean postpone(Delivery delivery, Instant due, Instant until) {
        return jdbc.sql("""
                UPDATE webhook_outbox SET attempt = ?, next_attempt_at = ?, leased_until = ?
                WHERE webhook_id = ? AND event_id = ? AND lease_token = ?""")
                .params(delivery.attempt() + 1, DbTime.of(due), DbTime.of(until), delivery.webhookId(),
                        delivery.eventId(), delivery.lease())
                .update() == 1;
    }

    /** Deletes a row once delivered or given up. */
    boolean remove(Delivery delivery) {
        return jdbc.sql("DELETE FROM webhook_outbox WHERE webhook_id = ? AND event_id = ? AND lease_token = ?")
                .params(delivery.webhookId(), delivery.eventId(), delivery.lease())
                .update() == 1;
    }

    /** Deletes every pending delivery to an endpoint, whoever holds it. */
    void dropFor(String webhookId) {
        jdbc.sql("DELETE FROM webhook_outbox WHERE webhook_id = ?").param(webhookId).update();
    }

    private static Delivery row(ResultSet rs, int n) throws SQLException {
        return new Delivery(rs.getString("webhook_id"), rs.getLong("event_id"), rs.getBytes("body"),
                rs.getInt("attempt"), null);
    }
}
