package org.scriptorium.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Reads a time typed by an operator or sent to the API. */
public final class TimeInput {

    private TimeInput() {
    }

    /**
     * Parses ISO-8601 with an offset ({@code 2024-03-15T09:00:00+08:00}), a local date-time from a browser's
     * date-time field ({@code 2024-03-15T09:00}) or a date ({@code 2024-03-15}, taken as its first moment); the
     * last two are read in {@code zone}.
     *
     * @return the instant, or null for null or blank input
     * @throws Rejected 422 {@code INVALID_TIME} for anything else
     */
    public static Instant parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw Rejected.invalid("INVALID_TIME", "时间格式有误，请使用如 2024-03-15 或 2024-03-15T09:00:00+08:00 的格式。",
                    "Times must look like 2024-03-15 or 2024-03-15T09:00:00+08:00.");
        }
    }
}
