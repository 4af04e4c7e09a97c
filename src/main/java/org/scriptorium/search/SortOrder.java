package org.scriptorium.search;

/** How hits are ordered: by relevance (BM25; newest first when there is no query text) or newest first. */
public enum SortOrder {
    RELEVANCE, NEWEST
}
