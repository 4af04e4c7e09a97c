package org.scriptorium.tracer;

import java.util.Collection;
import java.util.Map;

/**
 * Where the fingerprints of delivered revisions are kept between starts and shared by the nodes: the product keeps
 * them in the database ({@link TraceFingerprints}); simulations keep none ({@link #NONE}) and make them anew.
 */
interface FingerprintStore {

    /** Keeps nothing: every revision's fingerprints are made from its text. */
    FingerprintStore NONE = new FingerprintStore() {
        @Override
        public Map<String, RevisionFingerprints> find(Collection<String> revisionKeys) {
            return Map.of();
        }

        @Override
        public void saveAll(Map<String, RevisionFingerprints> byRevisionKey) {
        }
    };

    /** The stored fingerprints of those of {@code revisionKeys} that have any (made by the current scheme). */
    Map<String, RevisionFingerprints> find(Collection<String> revisionKeys);

    /**
     * Stores revisions' fingerprints, by revision key; a revision already stored by the current scheme keeps what it
     * has (a revision's text never changes, so another node stored the same).
     */
    void saveAll(Map<String, RevisionFingerprints> byRevisionKey);
}
