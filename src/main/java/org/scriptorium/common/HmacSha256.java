package org.scriptorium.common;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 in one call, for signatures made now and then (tickets, webhook bodies), not in a hot loop. */
public final class HmacSha256 {

    private HmacSha256() {
    }

    /** The 32-byte HMAC-SHA256 of {@code message} under {@code key}. */
    public static byte[] of(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
