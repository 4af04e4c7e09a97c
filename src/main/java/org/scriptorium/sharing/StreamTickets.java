package org.scriptorium.sharing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.scriptorium.common.HmacSha256;

/**
 * Tickets for the stream port. A browser cannot send its session cookie's authority to another port's small server
 * without cross-origin credentials, and that server has no session store; so the page is handed a short-lived
 * ticket instead: who the user is, when their session signed in (so a suspension still ends the stream), and when
 * the ticket expires, under an HMAC with a key every node shares. It opens the event stream and nothing else.
 *
 * <p>Form: {@code <userId>.<signed-in epoch millis or "-">.<expiry epoch seconds>.<base64url 128-bit MAC>}.
 */
final class StreamTickets {

    /** Whom a valid ticket names. {@code authenticatedAt} is null for a ticket made for a sign-in without one. */
    record Holder(String userId, Instant authenticatedAt) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int MAC_BYTES = 16;

    private final byte[] key;
    private final Clock clock;
    private final Duration lifetime;

    StreamTickets(byte[] key, Clock clock, Duration lifetime) {
        this.key = key.clone();
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A ticket for {@code userId}, valid for the configured lifetime from now. */
    String issue(String userId, Instant authenticatedAt) {
        if (userId.indexOf('.') >= 0) {
            throw new IllegalArgumentException("user ids never contain a dot: " + userId);
        }
        String claims = userId + "." + (authenticatedAt == null ? "-" : Long.toString(authenticatedAt.toEpochMilli()))
                + "." + clock.instant().plus(lifetime).getEpochSecond();
        return claims + "." + ENCODER.encodeToString(mac(claims));
    }

    /** Whom the ticket names, if it is one of ours, unaltered and not expired. */
    Optional<Holder> verify(String ticket) {
        if (ticket == null || ticket.length() > 200) {
            return Optional.empty();
        }
        int lastDot = ticket.lastIndexOf('.');
        String[] claims = ticket.substring(0, Math.max(0, lastDot)).split("\\.", -1);
        if (lastDot < 0 || claims.length != 3) {
            return Optional.empty();
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(ticket.substring(lastDot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(given, mac(ticket.substring(0, lastDot)))) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(claims[2]) < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            Instant signedIn = claims[1].equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(claims[1]));
            return Optional.of(new Holder(claims[0], signedIn));
        } catch (NumberFormatException e) {
            return Optional.empty(); // signed by us, so never; but a parse failure must not escape
        }
    }

    private byte[] mac(String claims) {
        return Arrays.copyOf(HmacSha256.of(key, ("stream-ticket|" + claims).getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
    }
}
