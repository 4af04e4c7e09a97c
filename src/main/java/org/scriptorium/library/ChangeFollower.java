package org.scriptorium.library;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's reading of the change log ({@code search_changes}) into an index of its own, so that a change committed
 * on any node reaches this node's index.
 *
 * <p>Ids are taken when a row is written but seen when it commits, so a row may turn up below one already read; the
 * ids passed over are looked for again at each look for {@link #GRACE} (a rolled-back write never turns up). Changes
 * this node committed itself are applied by it right after the commit ({@link #committing}, {@link #appliedHere}):
 * the follower skips them, and waits for those still being applied rather than applying them twice.
 *
 * <p>Where to start is not kept: at start the node's repair compares every indexed version with the database (as on
 * one node), which is a stronger catch-up than any position, and the follower reads on from the log's end. A node
 * that did not read the log for about {@code retention} (rows it needed may have been pruned) repairs the same way.
 *
 * <p>{@link #look} is called from one thread only; the methods about this node's own changes from any.
 */
final class ChangeFollower {

    /** What the follower does to the index. */
    interface Index {
        /** Indexes the material again as the database has it now (or removes it). */
        void apply(String materialId);

        /** Makes the whole index agree with the database. */
        void repair();
    }

    /** Far longer than a change's transaction lasts after it wrote its row (it does so just before committing). */
    static final Duration GRACE = Duration.ofSeconds(60);
    /** Long past any transaction that wrote a change, allowing for clocks of nodes that disagree by minutes. */
    static final Duration SETTLED = Duration.ofMinutes(10);
    /** Bounds the ids awaited (memory, and the size of the query for them). */
    static final int MAX_GAPS = 4_096;
    private static final int PAGE = 500;
    private static final Logger log = LoggerFactory.getLogger(ChangeFollower.class);

    private enum Local { APPLYING, APPLIED }

    private final SearchChanges changes;
    private final Index index;
    private final Duration retention;
    /** This node's own changes, by id, from the commit until the follower has seen them. */
    private final Map<Long, Local> local = new ConcurrentHashMap<>();
    /** Ids below the mark not seen yet, with when each was first missed. */
    private final TreeMap<Long, Instant> gaps = new TreeMap<>();
    private long mark = -1;
    private Instant lastRead;

    ChangeFollower(SearchChanges changes, Index index, Duration retention) {
        this.changes = changes;
        this.index = index;
        this.retention = retention;
    }

    /**
     * Starts from the log's end, before the index is repaired at start: changes committed from now on are applied
     * from the log, and ids near the end that are not committed yet are awaited.
     */
    void start(Instant now) {
        mark = changes.lastId();
        gaps.clear();
        // Below a change written long ago every id was written (and committed or rolled back) long ago too: what is
        // missing there was pruned or rolled back, not late.
        long from = Math.max(Math.max(0, mark - MAX_GAPS), changes.lastIdBefore(now.minus(SETTLED)));
        Set<Long> present = new HashSet<>(changes.idsBetween(from, mark));
        for (long id = from + 1; id <= mark; id++) {
            if (!present.contains(id)) {
                gaps.put(id, now);
            }
        }
        lastRead = now;
    }

    /** This node wrote change {@code id} in a transaction about to commit, and will apply it itself. */
    void committing(long id) {
        local.put(id, Local.APPLYING);
    }

    /** This node applied its own change {@code id} after the commit. */
    void appliedHere(long id) {
        local.replace(id, Local.APPLYING, Local.APPLIED);
    }

    /** This node will not apply change {@code id} itself (it failed, or the transaction rolled back). */
    void leftToLog(long id) {
        local.remove(id);
    }

    /**
     * Applies the changes committed since the last look, each material once; stops at the first the index refuses,
     * which is tried again at the next look.
     *
     * @return how many materials were applied
     */
    int look(Instant now) {
        if (mark < 0) {
            start(now);
        } else if (lastRead.plus(retention).minus(GRACE).isBefore(now)) {
            // Rows this node never read may have been pruned: start again from the end, and repair what was missed.
            log.warn("Search index: the change log was not read since {}; repairing from the database", lastRead);
            start(now);
            index.repair();
        }
        gaps.entrySet().removeIf(g -> g.getValue().plus(GRACE).isBefore(now) && local.get(g.getKey()) != Local.APPLYING);
        TreeMap<Long, String> due = new TreeMap<>();
        changes.byIds(gaps.keySet()).forEach(c -> due.put(c.id(), c.materialId()));
        long cursor = mark;
        List<SearchChanges.Change> page;
        do {
            page = changes.after(cursor, PAGE);
            page.forEach(c -> due.put(c.id(), c.materialId()));
            if (!page.isEmpty()) {
                cursor = page.getLast().id();
            }
        } while (page.size() == PAGE);

        Set<String> applied = new HashSet<>();
        for (Map.Entry<Long, String> change : due.entrySet()) {
            long id = change.getKey();
            Local own = local.get(id);
            if (own == Local.APPLYING) {
                passOver(id, now);
                continue;
            }
            if (own == null && !applied.contains(change.getValue())) {
                index.apply(change.getValue());
                applied.add(change.getValue());
            }
            local.remove(id);
            seen(id, now);
        }
        // An own change applied after the follower had already applied it from the log is not awaited any more.
        local.entrySet().removeIf(e -> e.getValue() == Local.APPLIED && e.getKey() <= mark && !gaps.containsKey(e.getKey()));
        lastRead = now;
        return applied.size();
    }

    /** The highest id read so far. */
    long mark() {
        return mark;
    }

    /** The ids below the mark still awaited, lowest first. */
    List<Long> awaited() {
        return List.copyOf(gaps.keySet());
    }

    private void seen(long id, Instant now) {
        if (id <= mark) {
            gaps.remove(id);
            return;
        }
        // Of a huge hole only the top ids are kept: a late commit holds one of the last ids taken before this one.
        for (long missing = Math.max(mark + 1, id - MAX_GAPS); missing < id; missing++) {
            gaps.put(missing, now);
        }
        while (gaps.size() > MAX_GAPS) {
            gaps.pollFirstEntry();
        }
        mark = id;
    }

    /** Moves the mark past {@code id} but keeps awaiting it: this node is still applying it. */
    private void passOver(long id, Instant now) {
        if (id > mark) {
            seen(id, now);
            gaps.put(id, now);
        }
    }
}
