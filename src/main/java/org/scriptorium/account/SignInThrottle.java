package org.scriptorium.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one e-mail address within the lock
 * window, further attempts for that address are refused until the window has passed, even with the right password.
 * Kept in memory: a restart forgets it, which costs an attacker a restart they cannot trigger.
 */
final class SignInThrottle {

    private record Failures(int count, Instant lastFailure) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxFailures;
    private final Duration lock;

    SignInThrottle(Clock clock, int maxFailures, Duration lock) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lock = lock;
    }

    /** True when sign-in for this key is refused right now. */
    boolean locked(String key) {
        Failures f = failures.get(key);
        if (f == null) {
            return false;
        }
        if (clock.instant().isAfter(f.lastFailure().plus(lock))) {
            failures.remove(key, f);
            return false;
        }
        return f.count() >= maxFailures;
    }

    void failed(String key) {
        Instant now = clock.instant();
        failures.merge(key, new Failures(1, now), (old, one) ->
                now.isAfter(old.lastFailure().plus(lock)) ? one : new Failures(old.count() + 1, now));
    }

    void succeeded(String key) {
        failures.remove(key);
    }

    Duration lockDuration() {
        return lock;
    }
}
