package org.scriptorium.common;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link RateBuckets} kept in the database ({@code rate_buckets}), so that every node spends from the same bucket and
 * a limit of 300 a minute is 300 a minute for the cluster, not per node. A request is spent by one conditional
 * {@code UPDATE} that refills and takes in one statement ({@link RateBuckets#refilled} written in SQL), so concurrent
 * requests on any node cannot both spend the last token; the first request of a key inserts its row.
 *
 * <p>Each call runs in a transaction of its own (the row is locked only for that statement), one round trip when
 * the key's row exists. Keys are stored as their SHA-256. A row idle long enough to be full again says nothing a
 * missing row does not, so such rows are deleted, at most once a minute, when rows are added.
 */
public final class DatabaseRateBuckets implements RateBuckets {

    private static final long PRUNE_EVERY_MILLIS = 60_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final String scope;
    private final int burst;
    private final double perMilli;
    /** Milliseconds an empty bucket takes to fill: a row idle that long is deleted. */
    private final long fillMillis;
    private final AtomicLong lastPruned = new AtomicLong();

    /**
     * @param scope     what is limited, e.g. {@code search-address}; at most 32 characters
     * @param burst     requests one key may make at once
     * @param perMinute requests one key earns back per minute
     * @throws IllegalArgumentException for a blank or long scope, or a burst or rate that is not positive
     */
    public DatabaseRateBuckets(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, String scope,
                               int burst, double perMinute) {
        if (scope == null || scope.isBlank() || scope.length() > 32 || burst < 1 || !(perMinute > 0)) {
            throw new IllegalArgumentException("rate " + scope + ": " + burst + " at once, " + perMinute + " a minute");
        }
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.scope = scope;
        this.burst = burst;
        this.perMilli = perMinute / 60_000.0;
        this.fillMillis = (long) Math.ceil(burst / perMilli);
    }

    @Override
    public long take(String key) {
        String subject = AttemptLimit.subject(key);
        for (int tries = 0; tries < 10; tries++) {
            long now = clock.millis();
            // The casts: H2 would otherwise take an untyped parameter for the type of the column beside it (BIGINT).
            Integer spent = ownTransaction.execute(status -> jdbc.sql("""
                            UPDATE rate_buckets
                               SET tokens = LEAST(CAST(:burst AS DOUBLE PRECISION), tokens
                                       + GREATEST(0, :now - updated_ms) * CAST(:perMilli AS DOUBLE PRECISION)) - 1,
                                   updated_ms = GREATEST(updated_ms, :now),
                                   idle_until_ms = :idleUntil
                             WHERE scope = :scope AND subject = :subject
                               AND LEAST(CAST(:burst AS DOUBLE PRECISION), tokens
                                       + GREATEST(0, :now - updated_ms) * CAST(:perMilli AS DOUBLE PRECISION)) >= 1""")
                    .param("burst", (double) burst).param("now", now).param("perMilli", perMilli)
                    .param("idleUntil", now + fillMillis).param("scope", scope).param("subject", subject).update());
            if (spent != null && spent == 1) {
                return 0;
            }
            Optional<Long> wait = ownTransaction.execute(status -> jdbc.sql(
                            "SELECT tokens, updated_ms FROM rate_buckets WHERE scope = ? AND subject = ?")
                    .params(scope, subject)
                    .query((rs, n) -> RateBuckets.secondsUntilOne(
                            RateBuckets.refilled(rs.getDouble(1), rs.getLong(2), now, burst, perMilli), perMilli))
                    .optional());
            if (wait != null && wait.isPresent()) {
                return wait.get();
            }
            try {
                ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                                INSERT INTO rate_buckets (scope, subject, tokens, updated_ms, idle_until_ms)
                                VALUES (?, ?, ?, ?, ?)""")
                        .params(scope, subject, (double) burst - 1, now, now + fillMillis).update());
                pruneNowAndThen(now);
                return 0;
            } catch (DuplicateKeyException raced) {
                // another request made the row first: spend from it
            }
        }
        return 1;
    }

    /** Deletes the rows of every scope that are full again by now; run at most once a minute, when rows are added. */
    public int prune() {
        long now = clock.millis();
        lastPruned.set(now);
        Integer deleted = ownTransaction.execute(status -> jdbc.sql(
                "DELETE FROM rate_buckets WHERE idle_until_ms <= ?").param(now).update());
        return deleted == null ? 0 : deleted;
    }

    private void pruneNowAndThen(long now) {
        long last = lastPruned.get();
        if (now - last >= PRUNE_EVERY_MILLIS && lastPruned.compareAndSet(last, now)) {
            prune();
        }
    }
}
