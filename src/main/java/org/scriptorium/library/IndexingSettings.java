package org.scriptorium.library;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the search index follows the library on several nodes, under {@code scriptorium.search.indexing.*}. One node
 * on H2 (the default) uses none of it.
 *
 * @param follow    whether each node follows the change log ({@code search_changes}) into an index of its own:
 *                  {@code auto} (when the database is PostgreSQL, where several nodes may share it), {@code on} or
 *                  {@code off}. Ignored with a shared index (OpenSearch), which is updated once per change instead
 * @param poll      how often each node also looks by itself: for changes in the log (a lost wake-up, or no
 *                  PostgreSQL to send one), and, with a shared index, for outbox rows whose node stopped
 * @param lease     how long a node holds an outbox row of a shared index before any node may take it over; far
 *                  longer than one material takes to index
 * @param retention how long rows of the change log are kept; a node away for longer repairs its index from the
 *                  database when it comes back
 */
@ConfigurationProperties("scriptorium.search.indexing")
public record IndexingSettings(
        @DefaultValue("auto") String follow,
        @DefaultValue("5s") Duration poll,
        @DefaultValue("1m") Duration lease,
        @DefaultValue("7d") Duration retention) {

    public IndexingSettings {
        if (!java.util.Set.of("auto", "on", "off").contains(follow.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("scriptorium.search.indexing.follow must be auto, on or off: " + follow);
        }
        if (poll.isNegative() || poll.isZero() || lease.isNegative() || lease.isZero()
                || retention.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException(
                    "scriptorium.search.indexing: poll and lease must be positive and retention at least an hour");
        }
    }

    /** Whether nodes follow the change log, given whether the database is PostgreSQL. */
    boolean follows(boolean postgres) {
        return switch (follow.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> postgres;
        };
    }
}
