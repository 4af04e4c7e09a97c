package org.scriptorium.membership;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * A batch of activation codes as a CSV file the operator imports into a shop. The columns, in this order:
 * {@code code,plan,batch,channel,created_at} — the code, the plan's name, the batch's id, where the batch is sold (empty
 * for none) and when it was generated (ISO-8601 with the library zone's offset, to the second). Columns are only ever
 * added at the end, so an importer reading the first ones keeps working.
 */
public final class CodeBatchCsv {

    /** The header row. */
    public static final String HEADER = "code,plan,batch,channel,created_at";

    private static final String BOM = "\uFEFF";
    private static final String LINE_END = "\r\n"; // RFC 4180

    private CodeBatchCsv() {
    }

    /**
     * Writes the {@link #HEADER} and one row per code. A text field is quoted when it holds a comma, a double quote, a
     * line break or leading/trailing spaces (quotes doubled, per RFC 4180); one starting with {@code = + - @} is
     * prefixed with {@code '}, so a spreadsheet does not run it as a formula. Lines end in CRLF.
     *
     * @param batch the batch: its plan name, id, channel and creation time are written into every row
     * @param codes codes in canonical form, as {@link ActivationCodes#generate} returns them
     * @param zone  the zone whose offset the creation time is written in
     * @return the CSV text starting with a byte-order mark {@code "\uFEFF"}, so that Excel reads a
     *         Chinese plan name correctly; encode it as UTF-8
     * @throws NullPointerException     if an argument or a code is null
     * @throws IllegalArgumentException if a code is not in canonical form
     */
    public static String write(CodeBatch batch, List<String> codes, ZoneId zone) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(zone, "zone");
        String rest = "," + field(batch.planName()) + "," + field(batch.id()) + ","
                + (batch.channel() == null ? "" : field(batch.channel())) + ","
                + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(batch.createdAt().truncatedTo(ChronoUnit.SECONDS).atZone(zone));
        StringBuilder csv = new StringBuilder(BOM).append(HEADER).append(LINE_END);
        for (String code : codes) {
            Objects.requireNonNull(code, "code");
            // A code sold in a shop must be the one we stored; don't let a typo slip into the file.
            if (!ActivationCodes.normalise(code).map(code::equals).orElse(false)) {
                throw new IllegalArgumentException("not a code in canonical form: " + code);
            }
            csv.append(code).append(rest).append(LINE_END);
        }
        return csv.toString();
    }

    private static String field(String value) {
        // OWASP's advice against CSV injection: a leading apostrophe makes the cell text.
        String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean padded = !text.strip().equals(text);
        // Quote padded names too: some importers trim unquoted fields.
        if (padded || text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
