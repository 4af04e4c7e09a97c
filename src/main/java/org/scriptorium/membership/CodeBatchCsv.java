package org.scriptorium.membership;

import java.util.List;
import java.util.Objects;

/** A batch of activation codes as a CSV file the operator imports into a shop. */
public final class CodeBatchCsv {

    private static final String BOM = "\uFEFF";
    private static final String LINE_END = "\r\n"; // RFC 4180

    private CodeBatchCsv() {
    }

    /**
     * Writes the header {@code code,plan} and one row per code. The plan name is quoted when it holds
     * a comma, a double quote, a line break or leading/trailing spaces (quotes doubled, per RFC 4180). Lines end in CRLF.
     *
     * @param planName the plan's name, written as is into every row
     * @param codes    codes in canonical form, as {@link ActivationCodes#generate} returns them
     * @return the CSV text starting with a byte-order mark {@code "\uFEFF"}, so that Excel reads a
     *         Chinese plan name correctly; encode it as UTF-8
     * @throws NullPointerException     if an argument or a code is null
     * @throws IllegalArgumentException if a code is not in canonical form
     */
    public static String write(String planName, List<String> codes) {
        Objects.requireNonNull(planName, "planName");
        Objects.requireNonNull(codes, "codes");
        String plan = field(planName);
        StringBuilder csv = new StringBuilder(BOM).append("code,plan").append(LINE_END);
        for (String code : codes) {
            Objects.requireNonNull(code, "code");
            // A code sold in a shop must be the one we stored; don't let a typo slip into the file.
            if (!ActivationCodes.normalise(code).map(code::equals).orElse(false)) {
                throw new IllegalArgumentException("not a code in canonical form: " + code);
            }
            csv.append(code).append(',').append(plan).append(LINE_END);
        }
        return csv.toString();
    }

    private static String field(String value) {
        boolean padded = !value.strip().equals(value);
        // Quote padded names too: some importers trim unquoted fields.
        if (padded || value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
