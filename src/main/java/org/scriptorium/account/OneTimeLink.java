package org.scriptorium.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The rules of a link sent by e-mail that acts for an account once (a password reset, an address verification): its
 * token is 256 random bits, only the token's SHA-256 is stored, and it works until it has been used or its lifetime
 * has passed, whichever comes first.
 *
 * @param tokenHash the SHA-256 of the token, in hex: what is stored and looked up
 * @param purpose   what the link may do; a reset link verifies nothing and a verification link resets nothing
 * @param email     the address the letter went to
 * @param usedAt    when it was used, or null
 */
record OneTimeLink(String tokenHash, String userId, Purpose purpose, String email, Instant createdAt,
                   Instant expiresAt, Instant usedAt) {

    /** What a link is for, and how long it lasts. */
    enum Purpose {
        PASSWORD_RESET(Duration.ofMinutes(30)),
        EMAIL_VERIFICATION(Duration.ofDays(3));

        final Duration lifetime;

        Purpose(Duration lifetime) {
            this.lifetime = lifetime;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new link and the token to put in the letter; the token itself is kept nowhere. */
    record Issued(String token, OneTimeLink link) {
    }

    static Issued issue(String userId, Purpose purpose, String email, Instant now) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(token, new OneTimeLink(hash(token), userId, purpose, email, now, now.plus(purpose.lifetime),
                null));
    }

    /** Whether the link may act now for {@code purpose}: not used, not expired (its last instant excluded). */
    boolean usable(Purpose wanted, Instant now) {
        return purpose == wanted && usedAt == null && now.isBefore(expiresAt);
    }

    /** The link once used at {@code at}. */
    OneTimeLink usedAt(Instant at) {
        return new OneTimeLink(tokenHash, userId, purpose, email, createdAt, expiresAt, at);
    }

    /** What is stored for a token: its SHA-256 in hex (a token is random, so no salt or slow hash is needed). */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token as it could have come from a letter: what is looked up at all (anything else matches nothing). */
    static boolean wellFormed(String token) {
        return token != null && token.length() == 43 && token.chars().allMatch(c -> c >= 'A' && c <= 'Z'
                || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_');
    }
}
