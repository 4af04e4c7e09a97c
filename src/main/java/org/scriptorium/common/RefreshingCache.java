package org.scriptorium.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value read from the database and kept in memory, for settings every request reads and nodes share (notice rules,
 * synonym groups). Read at first use; once older than its time to live, read again in the background while callers
 * keep getting the old value (no request waits for the database), so a change made on another node arrives within
 * about that time; {@linkplain #forget() forgotten} at once when this node changes it. Thread-safe.
 *
 * @param <T> the value
 */
public final class RefreshingCache<T> {

    private record Entry<T>(T value, Instant readAt) {
    }

    private final String name;
    private final Duration timeToLive;
    private final Clock clock;
    private final UnaryOperator<T> load;

    private volatile Entry<T> entry;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** Counts changes, so that a read begun before one does not keep its older value once it ends. */
    private final AtomicLong changes = new AtomicLong();

    /**
     * @param name       names the background thread that reads again
     * @param timeToLive how long a value serves before it is read again
     * @param load       reads the value; given the value it had (null at first), so that it may keep it when the
     *                   database cannot be read
     */
    public RefreshingCache(String name, Duration timeToLive, Clock clock, UnaryOperator<T> load) {
        this.name = name;
        this.timeToLive = timeToLive;
        this.clock = clock;
        this.load = load;
    }

    /** The value: read now if there is none, else the one held (read again in the background once it is old). */
    public T get() {
        Entry<T> e = entry;
        if (e == null) {
            return read();
        }
        if (e.readAt().plus(timeToLive).isBefore(clock.instant()) && refreshing.compareAndSet(false, true)) {
            Thread.ofVirtual().name(name + "-refresh").start(() -> {
                try {
                    read();
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return e.value();
    }

    /**
     * Drops the value now, and again once the current transaction (if any) ends, so that a read made meanwhile, which
     * cannot see the uncommitted change, does not keep the old value.
     */
    public void forget() {
        changes.incrementAndGet();
        entry = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    changes.incrementAndGet();
                    entry = null;
                }
            });
        }
    }

    private T read() {
        long seen = changes.get();
        Instant now = clock.instant();
        Entry<T> old = entry;
        T value = load.apply(old == null ? null : old.value());
        if (changes.get() == seen) {
            entry = new Entry<>(value, now);
        }
        return value;
    }
}
