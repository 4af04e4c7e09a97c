package org.scriptorium.library;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Locale;
import org.scriptorium.common.Rejected;
import org.scriptorium.search.MaterialQuery;
import org.scriptorium.search.SortOrder;

/**
 * The search fields as the reader's pages and the API both bind them from the query string; absent fields mean "any"
 * (page 0, the caller's page size).
 */
record SearchForm(
        @Parameter(description = "Words that must all occur; a \"quoted phrase\" must occur as written") String q,
        @Parameter(description = "Kind, such as 讲话稿") String kind,
        @Parameter(description = "Topic") String topic,
        @Parameter(description = "Year of publication") Integer year,
        @Parameter(schema = @Schema(allowableValues = {"FREE", "MEMBER"})) String tier,
        @Parameter(description = "Order of hits (default: relevance with a query, newest without)",
                schema = @Schema(allowableValues = {"relevance", "newest"})) String sort,
        @Parameter(description = "Page number, from 0") Integer page,
        @Parameter(description = "Hits per page") Integer size) {

    /**
     * The query these fields describe; {@code size} is used when the request names none.
     *
     * @throws Rejected 422 for an unknown tier or sort order; 400 {@code OUT_OF_RANGE} naming the field and the range
     *                  for a size outside 1–100, a page before the first or past the last that may be asked for
     *                  ({@link MaterialQuery#MAX_OFFSET} hits in), or a year outside 1900–2999
     */
    MaterialQuery toQuery(int defaultSize) {
        int pageSize = size == null ? defaultSize : Rejected.requireInRange("size", size, 1, 100);
        int pageNumber = page == null ? 0 : Rejected.requireInRange("page", page, 0, MaterialQuery.MAX_OFFSET / pageSize);
        if (year != null) {
            Rejected.requireInRange("year", year, 1900, 2999);
        }
        return new MaterialQuery(q, kind, topic, year, MaterialForm.parseTier(tier), parseSort(sort), pageNumber, pageSize);
    }

    static SortOrder parseSort(String sort) {
        if (sort == null || sort.isBlank()) {
            return null;
        }
        return switch (sort.strip().toLowerCase(Locale.ROOT)) {
            case "relevance" -> SortOrder.RELEVANCE;
            case "newest", "date" -> SortOrder.NEWEST;
            default -> throw Rejected.invalid("INVALID_SORT", "排序只能是 relevance（相关度）或 newest（最新）。",
                    "sort must be relevance or newest.");
        };
    }
}
