package org.scriptorium.support.fuzz;

import java.util.Set;
import java.util.regex.Pattern;

import org.scriptorium.common.Rejected;

/** Checks that a parser refuses bad input only in the ways it documents, and says so in Chinese. */
public final class Rejections {

    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

    private Rejections() {
    }

    /**
     * Runs {@code call}; a {@link Rejected} whose code is in {@code documented} and whose message is in
     * Chinese counts as a proper answer. Any other exception propagates.
     *
     * @return true if the call returned, false if it was properly rejected
     * @throws AssertionError for a rejection with an undocumented code or without a Chinese message
     */
    public static boolean returnsOrRejects(Set<String> documented, Runnable call) {
        try {
            call.run();
            return true;
        } catch (Rejected e) {
            if (!documented.contains(e.code())) {
                throw new AssertionError("undocumented rejection " + e.code() + " (" + e.status() + "): " + e.english(), e);
            }
            if (!CHINESE.matcher(String.valueOf(e.chinese())).find() || e.status() < 400 || e.status() > 499) {
                throw new AssertionError("rejection " + e.code() + " without a Chinese message or a 4xx status", e);
            }
            return false;
        }
    }
}
