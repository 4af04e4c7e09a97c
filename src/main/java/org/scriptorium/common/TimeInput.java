package org.scriptorium.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Reads a time typed by an operator or sent to the API. */
public final class TimeInput {

    /** The earliest and latest times accepted: four-digit years, so a typo such as year 99999 is refused. */
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    private TimeInput() {
    }

    /**
     * As {@link #parse(String, String, ZoneId)}, for a value that is not one named field.
     */
    public static Instant parse(String text, ZoneId zone) {
        return parse(null, text, zone);
    }

    /**
     * Parses ISO-8601 with an offset ({@code 2024-03-15T09:00:00+08:00}), a local date-time from a browser's
     * date-time field ({@code 2024-03-15T09:00}) or a date ({@code 2024-03-15}, taken as its first moment); the
     * last two are read in {@code zone}.
     *
     * @param field the request field it came from, named in the error; null when it is not one field
     * @return the instant, or null for null or blank input
     * @throws Rejected 422 {@code INVALID_TIME} for anything else, 400 {@code OUT_OF_RANGE} for a time before
     *                  1900-01-01 or after 9999-12-31 (never moved into range silently)
     */
    public static Instant parse(String field, String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant instant = read(text.strip(), zone);
        if (instant.isBefore(EARLIEST.atStartOfDay(zone).toInstant())
                || !instant.isBefore(LATEST.plusDays(1).atStartOfDay(zone).toInstant())) {
            throw outOfRange(field, text.strip());
        }
        return instant;
    }

    private static Rejected outOfRange(String field, String text) {
        String name = field == null ? "时间" : field;
        String english = field == null ? "The time" : field;
        return Rejected.ofField(400, "OUT_OF_RANGE", field,
                name + " 超出允许范围：应在 " + EARLIEST + " 到 " + LATEST + " 之间（收到 " + text + "）。",
                english + " is out of range: it must be between " + EARLIEST + " and " + LATEST + " (got " + text + ").");
    }

    private static Instant read(String t, ZoneId zone) {
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
