package org.scriptorium.common;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At most {@code max} counted attempts per subject (an e-mail address, a client address, an account) within a
 * window that each counted attempt renews, kept in the database ({@code attempt_counters}) so that it holds across
 * nodes and restarts and costs no memory per subject.
 *
 * <p>An attempt is counted <em>before</em> the guarded action runs ({@link #tryAcquire}), with one conditional
 * {@code UPDATE}, so that concurrent attempts cannot all pass a check that none of them has counted yet; the caller
 * gives it back ({@link #refund}) or clears the subject ({@link #clear}) when the attempt turns out not to count.
 * Each call runs in a transaction of its own, so a count survives the rollback of the caller's: call it outside
 * the caller's transaction, which would otherwise hold a second pooled connection while it waits.
 *
 * <p>Rows are created only for attempts that are counted, store the key's SHA-256 (a fixed size, whatever was sent)
 * and are deleted once their window has ended, so the table holds at most the subjects seen in one window.
 */
public final class AttemptLimit {

    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final String scope;
    private final int max;
    private final Duration window;
    private final AtomicReference<Instant> lastPruned = new AtomicReference<>(Instant.EPOCH);

    /**
     * @param scope  what is limited, e.g. {@code sign-in-email}; at most 32 characters
     * @param max    how many attempts a subject may make within the window
     * @param window how long a subject's count lasts after its last counted attempt
     * @throws IllegalArgumentException for a blank or long scope, a {@code max} below 1 or a window that is not positive
     */
    public AttemptLimit(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, String scope, int max,
                        Duration window) {
        if (scope == null || scope.isBlank() || scope.length() > 32 || max < 1 || window == null
                || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("attempt limit " + scope + ": " + max + " per " + window);
        }
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.scope = scope;
        this.max = max;
        this.window = window;
    }

    public int max() {
        return max;
    }

    public Duration window() {
        return window;
    }

    /**
     * Counts one attempt for {@code key} if it is allowed now.
     *
     * @return empty when the attempt was counted and may go ahead; otherwise how long until the subject may try again
     */
    public Optional<Duration> tryAcquire(String key) {
        String subject = subject(key);
        for (int tries = 0; tries < 10; tries++) {
            // Milliseconds: what every database keeps, so a stored window never ends later than computed.
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Instant ends = now.plus(window);
            Integer counted = ownTransaction.execute(status -> jdbc.sql("""
                            UPDATE attempt_counters
                               SET attempts = CASE WHEN window_ends <= :now THEN 1 ELSE attempts + 1 END,
                                   window_ends = :ends
                             WHERE scope = :scope AND subject = :subject
                               AND (window_ends <= :now OR attempts < :max)""")
                    .param("now", DbTime.of(now)).param("ends", DbTime.of(ends)).param("scope", scope)
                    .param("subject", subject).param("max", max).update());
            if (counted != null && counted == 1) {
                return Optional.empty();
            }
            Optional<Counted> row = ownTransaction.execute(status -> jdbc.sql(
                            "SELECT attempts, window_ends FROM attempt_counters WHERE scope = ? AND subject = ?")
                    .params(scope, subject)
                    .query((rs, n) -> new Counted(rs.getInt(1),
                            DbTime.toInstant(rs.getObject(2, java.time.OffsetDateTime.class)))).optional());
            if (row != null && row.isPresent()) {
                if (row.get().attempts() >= max && row.get().windowEnds().isAfter(now)) {
                    Duration wait = Duration.between(now, row.get().windowEnds());
                    return Optional.of(wait.compareTo(window) > 0 ? window : wait);
                }
                // Made (or renewed) by a concurrent attempt after this update read the table: count again.
                continue;
            }
            try {
                ownTransaction.executeWithoutResult(status -> jdbc.sql(
                                "INSERT INTO attempt_counters (scope, subject, attempts, window_ends) VALUES (?, ?, 1, ?)")
                        .params(scope, subject, DbTime.of(ends)).update());
                pruneNowAndThen(now);
                return Optional.empty();
            } catch (DuplicateKeyException raced) {
                // another request made the row first: count on it
            }
        }
        return Optional.of(window);
    }

    private record Counted(int attempts, Instant windowEnds) {
    }

    /** Gives back one attempt counted by {@link #tryAcquire}, for an attempt that turned out not to count. */
    public void refund(String key) {
        String subject = subject(key);
        ownTransaction.executeWithoutResult(status -> jdbc.sql(
                        "UPDATE attempt_counters SET attempts = attempts - 1 WHERE scope = ? AND subject = ? AND attempts > 0")
                .params(scope, subject).update());
    }

    /** Forgets every attempt of {@code key}, e.g. after a successful sign-in for that address. */
    public void clear(String key) {
        String subject = subject(key);
        ownTransaction.executeWithoutResult(status -> jdbc.sql(
                        "DELETE FROM attempt_counters WHERE scope = ? AND subject = ?")
                .params(scope, subject).update());
    }

    /** Deletes the rows of every scope whose window has ended; run at most once a minute, when rows are added. */
    public int prune() {
        Instant now = clock.instant();
        lastPruned.set(now);
        Integer deleted = ownTransaction.execute(status -> jdbc.sql(
                "DELETE FROM attempt_counters WHERE window_ends <= ?").param(DbTime.of(now)).update());
        return deleted == null ? 0 : deleted;
    }

    private void pruneNowAndThen(Instant now) {
        Instant last = lastPruned.get();
        if (!now.isBefore(last.plus(PRUNE_EVERY)) && lastPruned.compareAndSet(last, now)) {
            prune();
        }
    }

    /**
     * The key a client address is limited under: an IPv4 address as it is, an IPv6 address by its /64 network (what
     * one subscriber usually holds, so that rotating through it gains nothing); null when there is no address or it
     * is not an IP literal.
     */
    public static String clientNetwork(String address) {
        if (address == null || address.isBlank() || !address.strip().matches("[0-9A-Fa-f:.%]+")) {
            return null;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address.strip()); // a literal: no name is looked up
            if (parsed instanceof Inet6Address) {
                byte[] prefix = new byte[8];
                System.arraycopy(parsed.getAddress(), 0, prefix, 0, 8);
                return HexFormat.of().formatHex(prefix) + "::/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The SHA-256 of {@code key}, in hex: what a counter row names (a fixed size; no address is kept as sent). */
    static String subject(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((key == null ? "" : key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
