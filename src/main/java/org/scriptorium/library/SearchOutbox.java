package org.scriptorium.library;

import java.time.Instant;
import java.util.List;
import org.scriptorium.common.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code search_outbox} table: materials changed in the database whose change the index may not have yet. A row
 * may be leased to one node (a shared index, see {@link OutboxClaims}); without a lease it is anyone's to replay.
 */
class SearchOutbox {

    private final JdbcClient jdbc;

    SearchOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues a material in the caller's transaction, replacing a row already queued for it, leased to {@code token}
     * until {@code until} (both null for no lease).
     */
    void queue(String materialId, Instant now, String token, Instant until) {
        jdbc.sql("DELETE FROM search_outbox WHERE material_id = ?").param(materialId).update();
        jdbc.sql("INSERT INTO search_outbox (material_id, queued_at, lease_token, leased_until) VALUES (?, ?, ?, ?)")
                .params(materialId, DbTime.of(now), token, DbTime.of(until)).update();
    }

    /** Every queued material, oldest first, leased or not. */
    List<String> all() {
        return jdbc.sql("SELECT material_id FROM search_outbox ORDER BY queued_at").query(String.class).list();
    }

    /** Queued materials nobody holds at {@code now} (never leased, or the lease ran out), oldest first. */
    List<String> unheld(Instant now, int limit) {
        return jdbc.sql("""
                SELECT material_id FROM search_outbox WHERE leased_until IS NULL OR leased_until < ?
                ORDER BY queued_at LIMIT ?""")
                .params(DbTime.of(now), limit).query(String.class).list();
    }

    /** Takes a row nobody holds at {@code now}, until {@code until}; true for the one caller that gets it. */
    boolean lease(String materialId, String token, Instant now, Instant until) {
        return jdbc.sql("""
                UPDATE search_outbox SET lease_token = ?, leased_until = ?
                WHERE material_id = ? AND (leased_until IS NULL OR leased_until < ?)""")
                .params(token, DbTime.of(until), materialId, DbTime.of(now))
                .update() == 1;
    }

    /**
     * Removes a material's row once its change is in the index: only if it was queued by {@code queuedBy} (a later
     * change has a row of its own that must stay) and, for a lease token, only while that token holds it.
     */
    void remove(String materialId, Instant queuedBy, String token) {
        if (token == null) {
            jdbc.sql("DELETE FROM search_outbox WHERE material_id = ? AND queued_at <= ?")
                    .params(materialId, DbTime.of(queuedBy)).update();
        } else {
            jdbc.sql("DELETE FROM search_outbox WHERE material_id = ? AND queued_at <= ? AND lease_token = ?")
                    .params(materialId, DbTime.of(queuedBy), token).update();
        }
    }

    /**
     * Removes the rows queued up to {@code started}: the index was rebuilt from the database, read after that. Later
     * rows (changes made during the rebuild) stay until their change is applied.
     */
    void removeQueuedBy(Instant started) {
        jdbc.sql("DELETE FROM search_outbox WHERE queued_at <= ?").param(DbTime.of(started)).update();
    }
}
