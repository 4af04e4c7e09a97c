package org.scriptorium.search;

/** How much of a query a result had to match: the search falls back from {@link #ALL} when that finds nothing. */
public enum Match {
    /** Every concept of the query (the normal case). */
    ALL,
    /** All concepts but a third: no material held them all. */
    MOST,
    /** Any one concept: no material held most of them. */
    ANY
}
