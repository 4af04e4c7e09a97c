package org.scriptorium.audit;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The audit log as a CSV file for spreadsheets and scripts: UTF-8 with a byte-order mark, CRLF lines (RFC 4180). */
final class AuditCsv {

    static final String HEADER = "time,actor,action,action_label,target_type,target_id,summary,before,after";
    private static final String BOM = "\uFEFF";
    private static final String LINE_END = "\r\n";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private AuditCsv() {
    }

    /**
     * @param zone the time zone the times are written in (with their offset)
     * @return the CSV text; fields are quoted when they hold a comma, quote or line break, and a field that a
     *         spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return) is prefixed
     *         with an apostrophe, since reasons and names come from users
     */
    static String write(List<AuditEntry> entries, ZoneId zone) {
        StringBuilder csv = new StringBuilder(BOM).append(HEADER).append(LINE_END);
        for (AuditEntry e : entries) {
            csv.append(String.join(",",
                    field(TIME.format(e.at().atZone(zone))),
                    field(e.actorLabel()),
                    field(e.action().name()),
                    field(e.action().label()),
                    field(e.targetType()),
                    field(e.targetId()),
                    field(e.summary()),
                    field(e.before()),
                    field(e.after()))).append(LINE_END);
        }
        return csv.toString();
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.strip().equals(v)) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
