package org.scriptorium.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Converts between {@link Instant} and what JDBC drivers accept for {@code TIMESTAMP WITH TIME ZONE}.
 * The PostgreSQL driver takes {@link OffsetDateTime} but not {@link Instant}; H2 takes both.
 */
public final class DbTime {

    private DbTime() {
    }

    /** The instant as a UTC offset date-time, or null for null. */
    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The instant of a value read from a result set, or null for null. */
    public static Instant toInstant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
