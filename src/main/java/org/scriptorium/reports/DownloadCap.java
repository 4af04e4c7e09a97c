package org.scriptorium.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * The daily cap on downloads: a member may download at most {@code perDay} distinct materials in one calendar day of
 * the library's zone. Downloading again a material already downloaded that day (in any format) does not count, so
 * a member who needs DOCX after PDF is never stopped; a reseller harvesting the catalogue is.
 */
final class DownloadCap {

    private final int perDay;

    /** @throws IllegalArgumentException if {@code perDay} is not positive */
    DownloadCap(int perDay) {
        if (perDay < 1) {
            throw new IllegalArgumentException("at least one download a day: " + perDay);
        }
        this.perDay = perDay;
    }

    int perDay() {
        return perDay;
    }

    /**
     * @param downloadedToday the distinct materials the member downloaded today
     * @param materialId      the material asked for now
     * @return whether the download may go ahead
     */
    boolean allows(Set<String> downloadedToday, String materialId) {
        Objects.requireNonNull(materialId, "materialId");
        return downloadedToday.contains(materialId) || downloadedToday.size() < perDay;
    }

    /** The first instant of the day that contains {@code now}, in {@code zone}. */
    static Instant startOfDay(Instant now, ZoneId zone) {
        return day(now, zone).atStartOfDay(zone).toInstant();
    }

    /** The calendar day that contains {@code now}, in {@code zone}. */
    static LocalDate day(Instant now, ZoneId zone) {
        return now.atZone(zone).toLocalDate();
    }
}
