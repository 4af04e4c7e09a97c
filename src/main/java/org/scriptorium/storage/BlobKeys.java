package org.scriptorium.storage;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Blob keys: 192 random bits in hex, so that no key can be guessed, and nothing else is ever taken for one. */
final class BlobKeys {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{48}");
    private static final Pattern NAMESPACE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private BlobKeys() {
    }

    static String newKey() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Whether {@code key} has the form of a key: only such keys reach a file name, a query or an object name. */
    static boolean valid(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /** @throws IllegalArgumentException for anything {@link #valid} refuses (a key to write under must be one) */
    static String require(String key) {
        if (!valid(key)) {
            throw new IllegalArgumentException("not a blob key: " + key);
        }
        return key;
    }

    static String namespace(String name) {
        if (name == null || !NAMESPACE.matcher(name).matches()) {
            throw new IllegalArgumentException("not a blob namespace: " + name);
        }
        return name;
    }
}
