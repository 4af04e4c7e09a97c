package org.scriptorium.search;

import java.util.List;

/** The ids of one page of matching materials, best first, and how many match in all. */
public record SearchHits(long total, List<String> materialIds) {
}
