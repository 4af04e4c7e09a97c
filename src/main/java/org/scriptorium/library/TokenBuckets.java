package org.scriptorium.library;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scriptorium.common.RateBuckets;

/**
 * A request rate per key (an account, a client address): each key may spend up to {@code burst} requests at once and
 * earns them back at {@code perMinute}. At most {@code maxKeys} keys are remembered, the least recently seen dropped
 * first, so memory stays bounded whatever the number of clients; a dropped key only starts again with a full burst.
 * In this node's memory: the adapter for one node ({@code scriptorium.search.rate.store=memory}); several nodes share
 * {@link org.scriptorium.common.DatabaseRateBuckets}, which follows the same rule.
 */
final class TokenBuckets implements RateBuckets {

    private final int burst;
    private final double perMilli;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    /** @throws IllegalArgumentException unless {@code burst}, {@code perMinute} and {@code maxKeys} are positive */
    TokenBuckets(int burst, double perMinute, int maxKeys, Clock clock) {
        if (burst < 1 || !(perMinute > 0) || maxKeys < 1) {
            throw new IllegalArgumentException("burst, perMinute and maxKeys must be positive");
        }
        this.burst = burst;
        this.perMilli = perMinute / 60_000.0;
        this.maxKeys = maxKeys;
        this.clock = clock;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > TokenBuckets.this.maxKeys;
            }
        };
    }

    @Override
    public synchronized long take(String key) {
        long now = clock.millis();
        Bucket b = buckets.get(key);
        if (b == null) {
            b = new Bucket(burst, now);
            buckets.put(key, b);
        }
        b.tokens = RateBuckets.refilled(b.tokens, b.at, now, burst, perMilli);
        b.at = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return 0;
        }
        return RateBuckets.secondsUntilOne(b.tokens, perMilli);
    }

    /** How many keys are remembered. */
    synchronized int size() {
        return buckets.size();
    }
}
