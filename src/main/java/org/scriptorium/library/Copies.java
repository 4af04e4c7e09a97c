package org.scriptorium.library;

import java.util.List;

/**
 * The port through which every copy of member text leaves the library: the delivery module implements it, marking
 * the text for its reader and recording the delivery in the ledger. The library calls it only for entitled readers.
 */
public interface Copies {

    /** Where a copy goes. */
    enum Channel {
        WEB, API, TXT, DOCX, PDF, PASSAGE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The reader's personalised paragraphs of a revision (the same reader and revision always get the same text), after
     * recording the delivery.
     *
     * @param userId     the signed-in reader
     * @param paragraphs the revision's paragraphs as parsed, in order
     * @return the marked paragraphs, one for each given, and the token a file format embeds
     */
    Copy deliver(String userId, Material material, int revision, List<String> paragraphs, Channel channel);

    /** A personalised copy: paragraphs, the visible notice for this reader, and the file-level token. */
    record Copy(List<String> paragraphs, String notice, String fileToken) {
    }
}
