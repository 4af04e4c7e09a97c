package org.scriptorium.library;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.scriptorium.common.DbTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Counts queries that found nothing: for the operator, a list of what members look for and the library lacks. */
@Component
public class SearchMisses {

    /** One query that found nothing, how often and when last. */
    public record Miss(String query, int misses, Instant firstAt, Instant lastAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SearchMisses(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(String query) {
        String key = query.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            return;
        }
        key = key.length() > 200 ? key.substring(0, 200) : key;
        Instant now = clock.instant();
        if (bump(key, now) == 0) {
            try {
                jdbc.sql("INSERT INTO search_misses (query, misses, first_at, last_at) VALUES (?, 1, ?, ?)")
                        .params(key, DbTime.of(now), DbTime.of(now)).update();
            } catch (DuplicateKeyException raced) {
                bump(key, now);
            }
        }
    }

    /** The most frequent misses first. */
    public List<Miss> top(int limit) {
        return jdbc.sql("SELECT * FROM search_misses ORDER BY misses DESC, last_at DESC LIMIT ?").param(limit)
                .query((rs, n) -> new Miss(rs.getString("query"), rs.getInt("misses"),
                        DbTime.toInstant(rs.getObject("first_at", OffsetDateTime.class)),
                        DbTime.toInstant(rs.getObject("last_at", OffsetDateTime.class))))
                .list();
    }

    private int bump(String key, Instant now) {
        return jdbc.sql("UPDATE search_misses SET misses = misses + 1, last_at = ? WHERE query = ?")
                .params(DbTime.of(now), key).update();
    }
}
