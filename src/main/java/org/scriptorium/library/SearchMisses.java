package org.scriptorium.library;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.scriptorium.common.DbTime;
import org.scriptorium.common.RateBuckets;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Counts queries that found nothing, or found only materials holding some of their words (the search's fallback):
 * for the operator, a list of what readers look for and the library lacks. Bounded
 * against spam: only short plain queries are kept ({@link MissQueries}), each client address (each account, for
 * signed-in readers) adds or counts at most {@link MissLimits#perAddressPerHour()} an hour, and at most
 * {@link MissLimits#maxStored()} distinct queries are kept.
 */
@Component
public class SearchMisses {

    /**
     * One query that found nothing with all its words, how often and when last.
     *
     * @param answeredBy what answered it the last time: {@code NONE} (nothing was found), or the
     *                   {@link org.scriptorium.search.Match} of the fallback ({@code MOST}, {@code ANY})
     */
    public record Miss(String query, int misses, Instant firstAt, Instant lastAt, String answeredBy) {

        /** What the operator's list says of {@link #answeredBy()}. */
        public String answeredByLabel() {
            return switch (answeredBy) {
                case "MOST" -> "部分匹配（多数词语）";
                case "ANY" -> "部分匹配（任一词语）";
                default -> "无结果";
            };
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MissLimits limits;
    /** By client: an account, or an address for readers who are not signed in. */
    private final RateBuckets byClient;

    SearchMisses(JdbcClient jdbc, Clock clock, MissLimits limits, SearchRate rate,
                 PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.limits = limits;
        // In the store the search rate is counted in: with the database, a client adds as many per hour to the list
        // whichever nodes it reaches.
        this.byClient = rate.buckets("search-misses", limits.perAddressPerHour(), limits.perAddressPerHour() / 60.0,
                limits.maxAddresses(), jdbc, transactions, clock);
    }

    /**
     * Counts a query that found nothing with all its words, asked by this reader or else the current request's
     * client, if it is one to keep.
     *
     * @param answeredBy {@code NONE}, or the fallback that found something ({@code MOST}, {@code ANY})
     */
    void record(String query, Optional<String> userId, String answeredBy) {
        String address = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : "";
        record(query, userId.map(id -> "u:" + id).orElse("a:" + address), answeredBy);
    }

    /** Counts a query that found nothing for a client ({@code "u:"} and a user id, or {@code "a:"} and an address). */
    void record(String query, String client) {
        record(query, client, "NONE");
    }

    private void record(String query, String client, String answeredBy) {
        Optional<String> kept = MissQueries.key(query, limits.maxLength());
        if (kept.isEmpty() || byClient.take(client) > 0) {
            return;
        }
        String key = kept.get();
        Instant now = clock.instant();
        if (bump(key, now, answeredBy) == 0) {
            makeRoom();
            try {
                jdbc.sql("INSERT INTO search_misses (query, misses, first_at, last_at, answered_by) VALUES (?, 1, ?, ?, ?)")
                        .params(key, DbTime.of(now), DbTime.of(now), answeredBy).update();
            } catch (DuplicateKeyException raced) {
                bump(key, now, answeredBy);
            }
        }
    }

    /** Drops the least missed, least recent queries while the list is full. */
    private void makeRoom() {
        long stored = jdbc.sql("SELECT COUNT(*) FROM search_misses").query(Long.class).single();
        for (long over = stored - limits.maxStored() + 1; over > 0; over--) {
            jdbc.sql("DELETE FROM search_misses WHERE query = "
                    + "(SELECT query FROM search_misses ORDER BY misses, last_at, query LIMIT 1)").update();
        }
    }

    /** The most frequent misses first. */
    public List<Miss> top(int limit) {
        return jdbc.sql("SELECT * FROM search_misses ORDER BY misses DESC, last_at DESC LIMIT ?").param(limit)
                .query((rs, n) -> new Miss(rs.getString("query"), rs.getInt("misses"),
                        DbTime.toInstant(rs.getObject("first_at", OffsetDateTime.class)),
                        DbTime.toInstant(rs.getObject("last_at", OffsetDateTime.class)), rs.getString("answered_by")))
                .list();
    }

    private int bump(String key, Instant now, String answeredBy) {
        return jdbc.sql("UPDATE search_misses SET misses = misses + 1, last_at = ?, answered_by = ? WHERE query = ?")
                .params(DbTime.of(now), answeredBy, key).update();
    }
}
