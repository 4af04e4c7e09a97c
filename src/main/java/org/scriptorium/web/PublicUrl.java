package org.scriptorium.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The library's address as members reach it ({@code scriptorium.public-url}, e.g. {@code https://wenku.example.cn};
 * the older {@code scriptorium.sharing.public-url} when only that is set). Redirects are built from it rather than
 * from the request's {@code Host} header, which whoever sends the request chooses; and an HTTPS address makes the
 * session cookie {@code Secure}.
 *
 * @param base the address without a trailing slash, or empty when none is configured (redirects then stay relative)
 */
record PublicUrl(String base) {

    /**
     * @param configured the value of {@code scriptorium.public-url}, or null or blank
     * @param fallback   the value of {@code scriptorium.sharing.public-url}, or null or blank
     * @throws IllegalArgumentException when the address is not an absolute http(s) URL, so a typo stops the start
     *                                  with a clear line rather than sending members to a broken address
     */
    static PublicUrl of(String configured, String fallback) {
        String value = configured != null && !configured.isBlank() ? configured.strip()
                : fallback != null && !fallback.isBlank() ? fallback.strip() : "";
        if (value.isEmpty()) {
            return new PublicUrl("");
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException();
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("scriptorium.public-url must be an absolute http(s) address such as "
                    + "https://wenku.example.cn (was: " + value + ")");
        }
        return new PublicUrl(value.replaceAll("/+$", ""));
    }

    boolean configured() {
        return !base.isEmpty();
    }

    boolean https() {
        return base.regionMatches(true, 0, "https:", 0, 6);
    }

    /**
     * Where a redirect to {@code location} should send the browser. The library never redirects to another site, so
     * an absolute location is one of ours built from the request's {@code Host} (as a saved request's is): only its
     * path, query and fragment are kept. The result is on the public address, or relative when none is configured.
     *
     * @param location       what the application asked to redirect to
     * @param requestUri     the path of the request being answered, for a location relative to it
     */
    String redirect(String location, String requestUri) {
        String target = location;
        try {
            URI uri = new URI(location);
            if (uri.isAbsolute() || location.startsWith("//")) {
                target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                        + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
            } else if (!location.startsWith("/")) {
                target = URI.create(requestUri).resolve(uri).toString();
            }
        } catch (URISyntaxException | IllegalArgumentException unparseable) {
            target = "/";
        }
        if (target.startsWith("//") || target.startsWith("/\\")) {
            target = "/"; // a browser would read these as another host
        }
        return configured() ? base + target : target;
    }
}
