package org.scriptorium.community;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.scriptorium.common.HmacSha256;

/**
 * The secret in a visitor's link to their conversation: an HMAC of the conversation's id under the library's own key,
 * so it cannot be guessed from the id, needs no table, and can be written again into every answer's e-mail. Whoever
 * holds the link reads and replies as the visitor; nothing else about the visitor is asked.
 */
final class ConsultationToken {

    /** 18 bytes (144 bits): 24 characters of URL-safe Base64, short enough for a link, far beyond guessing. */
    private static final int BYTES = 18;

    private final byte[] key;

    /** @throws IllegalArgumentException for a key shorter than 32 bytes */
    ConsultationToken(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("a consultation key needs at least 32 bytes");
        }
        this.key = key.clone();
    }

    /** The token of the conversation {@code consultationId}. */
    String of(String consultationId) {
        byte[] mac = HmacSha256.of(key, ("consultation|" + consultationId).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, BYTES));
    }

    /** Whether {@code token} is the one of {@code consultationId}; compared in constant time. False for null. */
    boolean matches(String consultationId, String token) {
        if (consultationId == null || token == null || token.length() > 64) {
            return false;
        }
        return MessageDigest.isEqual(of(consultationId).getBytes(StandardCharsets.US_ASCII),
                token.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
