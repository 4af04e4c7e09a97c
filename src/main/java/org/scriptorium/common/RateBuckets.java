package org.scriptorium.common;

/**
 * A request rate per key (an account, a client address) as a token bucket: each key may spend up to {@code burst}
 * requests at once and earns them back at a steady rate. Two adapters with the same rule: one in this node's memory
 * (one node only) and one in the database ({@link DatabaseRateBuckets}), which every node spends from, so that a
 * limit holds for the whole cluster.
 */
public interface RateBuckets {

    /**
     * Spends one request of {@code key}.
     *
     * @return 0 when it may go ahead; otherwise how many whole seconds until it may (at least 1), nothing spent
     */
    long take(String key);

    /**
     * The rule both adapters follow, in plain Java: a bucket holding {@code tokens} at {@code atMillis} holds, at
     * {@code nowMillis}, those plus what it earned meanwhile, never more than {@code burst} (a clock that went back
     * earns nothing).
     */
    static double refilled(double tokens, long atMillis, long nowMillis, int burst, double perMilli) {
        return Math.min(burst, tokens + Math.max(0, nowMillis - atMillis) * perMilli);
    }

    /** Whole seconds until a bucket holding {@code tokens} (fewer than one) has earned one: at least 1. */
    static long secondsUntilOne(double tokens, double perMilli) {
        return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli / 1000));
    }
}
