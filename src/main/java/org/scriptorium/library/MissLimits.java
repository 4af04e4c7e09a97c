package org.scriptorium.library;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on the list of queries that found nothing, under {@code scriptorium.search.misses.*}.
 *
 * @param maxStored         distinct queries kept; a new one then replaces the least missed, least recent
 * @param maxLength         longest query kept, in characters; longer ones are pasted text, not searches
 * @param perAddressPerHour queries one client address (one account, when signed in) may add or count again per
 *                          hour (a burst of as many)
 * @param maxAddresses      client addresses remembered for that (memory stays bounded)
 */
@ConfigurationProperties("scriptorium.search.misses")
public record MissLimits(
        @DefaultValue("5000") int maxStored,
        @DefaultValue("50") int maxLength,
        @DefaultValue("60") int perAddressPerHour,
        @DefaultValue("50000") int maxAddresses) {
}
