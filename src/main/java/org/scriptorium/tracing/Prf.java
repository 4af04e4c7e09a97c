package org.scriptorium.tracing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed pseudo-random function (HMAC-SHA256). Every mark derives from it, so nothing per member needs storing:
 * the same key and inputs always give the same output, and without the key the outputs cannot be predicted.
 * Thread-safe.
 */
public final class Prf {

    private final SecretKeySpec key;
    /** A Mac initialised with the key per thread: creating one per call would cost more than the hash itself. */
    private final ThreadLocal<Mac> macs;

    /** @param key at least 16 bytes of secret key material */
    public Prf(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("the key must hold at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 32-byte output for the given parts (joined unambiguously). */
    public byte[] bytes(String... parts) {
        Mac mac = macs.get();
        for (String part : parts) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            mac.update(ByteBuffer.allocate(4).putInt(b.length).array());
            mac.update(b);
        }
        return mac.doFinal(); // doFinal also resets the Mac for the next call

    }

    /** 64 pseudo-random bits for the given parts. */
    public long bits(String... parts) {
        return ByteBuffer.wrap(bytes(parts)).getLong();
    }

    /** A pseudo-random number in [0, 1) for the given parts, with 53 bits of precision. */
    public double unit(String... parts) {
        return (bits(parts) >>> 11) * 0x1.0p-53;
    }
}
