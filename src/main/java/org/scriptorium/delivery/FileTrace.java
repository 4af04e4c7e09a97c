package org.scriptorium.delivery;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file-level trace: an opaque token that DOCX and PDF writers hide in a copy's metadata, so a
 * leaked file names the copy it came from. The caller makes the token (for example a MAC of the
 * member and the revision, in hex) and keeps what it means; writers and {@link FileTraces} only
 * carry it.
 *
 * @param token 1 to 32 ASCII letters, digits or underscores, so that it can also stand in a Word
 *              bookmark name (hex or base32 of a 128-bit MAC fits)
 */
public record FileTrace(String token) {

    /** The longest token: a Word bookmark name holds 40 characters, 3 of which are our prefix. */
    public static final int MAX_LENGTH = 32;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_]{1," + MAX_LENGTH + "}");

    /** @throws IllegalArgumentException if the token is not 1–32 letters, digits or underscores */
    public FileTrace {
        Objects.requireNonNull(token, "token");
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("a file trace token is 1 to " + MAX_LENGTH
                    + " ASCII letters, digits or underscores: " + token);
        }
    }
}
