package org.scriptorium.account;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where to go after signing in ({@code ?next=…}), accepted only as a path on this site: it starts with one
 * {@code /}, names no scheme or host, holds no backslash, space or control character (which browsers may read as
 * another host), and is not the sign-in or registration page itself. Anything else is ignored, so a link from
 * elsewhere cannot use the sign-in page to send a member to another site.
 */
public final class LocalPath {

    static final int MAX_LENGTH = 2000;

    private LocalPath() {
    }

    /** The path when it is a safe place to return to, else empty. */
    public static Optional<String> of(String next) {
        if (next == null || next.isEmpty() || next.length() > MAX_LENGTH || !next.startsWith("/")
                || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(next);
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null) {
                return Optional.empty();
            }
            String path = uri.getRawPath();
            if (path.equals("/login") || path.equals("/register") || path.equals("/logout")
                    || path.startsWith("/password/")) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(next);
    }
}
