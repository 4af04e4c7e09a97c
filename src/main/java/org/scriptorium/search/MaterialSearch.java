package org.scriptorium.search;

import java.time.Instant;

/**
 * The search port. The foundation's adapter searches the database; a full-text adapter can replace it.
 * Only published materials (published at or before {@code now}) are found unless {@code includeUnpublished}.
 */
public interface MaterialSearch {

    SearchHits search(MaterialQuery query, Instant now, boolean includeUnpublished);
}
