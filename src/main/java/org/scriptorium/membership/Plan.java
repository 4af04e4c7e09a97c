package org.scriptorium.membership;

import java.time.Duration;
import java.time.Instant;

/**
 * What a code or a grant gives: a duration, and how far back before the start of membership the reader may read.
 */
public record Plan(String id, String name, int durationDays, int backCatalogDays, Instant createdAt) {

    public Duration duration() {
        return Duration.ofDays(durationDays);
    }

    public Duration backCatalog() {
        return Duration.ofDays(backCatalogDays);
    }
}
