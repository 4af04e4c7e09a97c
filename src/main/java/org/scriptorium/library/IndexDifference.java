package org.scriptorium.library;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the search index must change to agree with the database, given the version of every material each one holds
 * (only materials that should be searchable are on the database side: withdrawn ones are not).
 *
 * @param missing in the database, not in the index: to add
 * @param extra   in the index, not in the database (deleted or withdrawn): to remove
 * @param stale   in both, at another version: to index again
 */
record IndexDifference(Set<String> missing, Set<String> extra, Set<String> stale) {

    IndexDifference {
        missing = Set.copyOf(missing);
        extra = Set.copyOf(extra);
        stale = Set.copyOf(stale);
    }

    static IndexDifference between(Map<String, String> database, Map<String, String> index) {
        Set<String> missing = new TreeSet<>();
        Set<String> stale = new TreeSet<>();
        database.forEach((id, version) -> {
            String indexed = index.get(id);
            if (indexed == null) {
                missing.add(id);
            } else if (!indexed.equals(version)) {
                stale.add(id);
            }
        });
        Set<String> extra = new TreeSet<>(index.keySet());
        extra.removeAll(database.keySet());
        return new IndexDifference(missing, extra, stale);
    }

    /** How many materials must be indexed again or removed. */
    int size() {
        return missing.size() + extra.size() + stale.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }
}
