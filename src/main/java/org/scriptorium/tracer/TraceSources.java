package org.scriptorium.tracer;

import java.util.List;
import java.util.Optional;
import org.scriptorium.tracing.VariationSite;

/**
 * What the tracer needs from the rest of the library: which revisions were delivered and to whom, their text, and the
 * sites each recipient's copies carry. The product answers from the library and the delivery ledger
 * ({@link Tracer}); simulations answer from memory.
 */
public interface TraceSources {

    /**
     * A revision someone received.
     *
     * @param paragraphs the revision's paragraphs as copies are made from them (before marking)
     * @param free       whether the material is FREE (open to every signed-in user)
     */
    record Revision(String materialId, int revision, String title, boolean free, List<String> paragraphs) {

        public Revision {
            paragraphs = List.copyOf(paragraphs);
        }

        /** The revision's key, as marks name it. */
        public String key() {
            return org.scriptorium.tracing.Marks.revisionKey(materialId, revision);
        }
    }

    /** A revision by material and number. */
    record RevisionId(String materialId, int revision) {
    }

    /** An account, as the tracer names it. */
    record Member(String userId, long memberNumber, String email) {
    }

    /**
     * A member who received a revision.
     *
     * @param sitesKey names the set of sites their copies carry (the rule set of their first copy, less the sites vetoed
     *                 before it); recipients with the same key are read together
     */
    record Recipient(Member member, String sitesKey) {
    }

    /** Every revision anyone received, in any format. */
    List<RevisionId> delivered();

    /** The revision's text and material; empty if the material is gone. */
    Optional<Revision> revision(RevisionId id);

    /** Everyone who received the revision, each once. */
    List<Recipient> recipients(Revision revision);

    /** The sites of the copies made under one sites key. */
    List<VariationSite> sites(Revision revision, String sitesKey);

    /** The account with this member number; empty if there is none. */
    Optional<Member> member(long memberNumber);
}
