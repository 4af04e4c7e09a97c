package org.scriptorium.library;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which queries that found nothing are worth showing the operator, and under what key: what a reader looked for and
 * the library lacks is short plain words; links, contact details dressed as queries and pasted pages are spam.
 */
final class MissQueries {

    /** Something a browser or a chat app would turn into a link: a scheme, www., or a name under a common domain. */
    private static final Pattern LINK = Pattern.compile(
            "(?i)[a-z][a-z0-9+.-]*://|www\\.|[^\\s.]\\.(com|cn|net|org|info|top|xyz|io|cc|me|vip|shop|site|online"
                    + "|app|link|club|ru|tk|biz|co|tv|gov|edu|hk|tw)(?![a-z0-9])|@[a-z0-9-]+\\.");
    /** Control and format characters (zero-width ones included): nobody types them. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}]");

    private MissQueries() {
    }

    /**
     * The query as it is counted (width-folded, lower case, spaces collapsed), or empty when it is not to be kept:
     * blank, longer than {@code maxLength} characters, holding a link or characters nobody types.
     */
    static Optional<String> key(String query, int maxLength) {
        if (query == null) {
            return Optional.empty();
        }
        String key = Normalizer.normalize(query, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
        if (key.isEmpty() || key.codePointCount(0, key.length()) > maxLength || LINK.matcher(key).find()
                || INVISIBLE.matcher(key).find()) {
            return Optional.empty();
        }
        return Optional.of(key);
    }
}
