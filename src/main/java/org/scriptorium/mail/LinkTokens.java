package org.scriptorium.mail;

import java.util.regex.Pattern;

/** Hides the secret of a single-use link ({@code ?token=…}) in a letter that people other than its recipient see. */
final class LinkTokens {

    private static final Pattern TOKEN = Pattern.compile("([?&]token=)([A-Za-z0-9_-]{4})[A-Za-z0-9_%-]*");

    private LinkTokens() {
    }

    /** The text with each link token cut to its first four characters and an ellipsis. */
    static String mask(String text) {
        return text == null ? null : TOKEN.matcher(text).replaceAll("$1$2…");
    }
}
