package org.scriptorium.sharing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * How far the dispatcher has read the event log: the highest id read (the mark) and the lower ids it passed over
 * (the gaps). Ids are taken at insert but rows appear at commit, so the transaction holding id 10 may commit after
 * the one holding id 11 was read; 10 is then a gap, looked for again until it turns up or its grace runs out (a
 * rolled-back insert, or an id the database skipped, never turns up). Not thread-safe: the dispatcher's one thread
 * uses it.
 */
final class HighWaterMark {

    private final Duration grace;
    private final int capacity;
    /** The gaps with when each was first missed, lowest id first (also oldest first: the mark only rises). */
    private final TreeMap<Long, Instant> gaps = new TreeMap<>();
    private long mark;

    /**
     * @param mark     the highest id already read; nothing at or below it is awaited
     * @param grace    how long a gap is awaited after it was first missed
     * @param capacity the most gaps kept; beyond it the lowest ids are forgotten first
     */
    HighWaterMark(long mark, Duration grace, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.mark = mark;
        this.grace = grace;
        this.capacity = capacity;
    }

    /** The highest id read. */
    long mark() {
        return mark;
    }

    /**
     * Notes that the row with this id was read at {@code now}. Above the mark, it becomes the mark and the ids skipped
     * on the way become gaps; at or below it, the id is no longer awaited. Reading in ascending id order makes the
     * gaps exactly the ids not read.
     */
    void seen(long id, Instant now) {
        if (id <= mark) {
            gaps.remove(id);
            return;
        }
        // Of a huge hole only the top ids are kept: a late commit holds one of the last ids taken before this one.
        for (long missing = Math.max(mark + 1, id - capacity); missing < id; missing++) {
            gaps.put(missing, now);
        }
        while (gaps.size() > capacity) {
            gaps.pollFirstEntry();
        }
        mark = id;
    }

    /** The ids still awaited at {@code now}, lowest first, after forgetting those missed longer than the grace ago. */
    List<Long> awaited(Instant now) {
        gaps.values().removeIf(missedAt -> missedAt.plus(grace).isBefore(now));
        return List.copyOf(gaps.keySet());
    }
}
