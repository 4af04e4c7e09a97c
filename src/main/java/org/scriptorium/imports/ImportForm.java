package org.scriptorium.imports;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.TimeInput;
import org.scriptorium.library.Topics;
import org.scriptorium.membership.Tier;
import org.springframework.web.multipart.MultipartFile;

/** The batch import form as the page and the API both send it: the files and the details typed for every document. */
final class ImportForm {

    private ImportForm() {
    }

    /**
     * The details as typed; times without an offset are read in {@code zone}.
     *
     * @throws Rejected 422 {@code INVALID_TIER} or {@code INVALID_TIME}, 400 {@code OUT_OF_RANGE} for a time out of range
     */
    static ImportDetails details(String tier, String kind, String topics, String publishedAt, ZoneId zone) {
        return new ImportDetails(tier(tier), kind, Topics.parse(topics), TimeInput.parse("publishedAt", publishedAt, zone));
    }

    /** The uploaded files that have content, in the order sent. */
    static List<BatchImports.Upload> uploads(List<MultipartFile> files) {
        List<BatchImports.Upload> uploads = new ArrayList<>();
        if (files != null) {
            for (MultipartFile f : files) {
                if (f != null && !f.isEmpty()) {
                    uploads.add(new BatchImports.Upload(f.getOriginalFilename(), f));
                }
            }
        }
        return uploads;
    }

    private static Tier tier(String tier) {
        if (tier == null || tier.isBlank()) {
            return null;
        }
        try {
            return Tier.valueOf(tier.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid("INVALID_TIER", "级别只能是 FREE（免费）或 MEMBER（会员）。", "The tier must be FREE or MEMBER.");
        }
    }
}
