package org.scriptorium.library;

import java.util.List;

/**
 * A material as saved by an import or a revision, with the structure found in its text.
 *
 * @param similar published materials whose text is at least 90 % the same, most similar first (empty for none)
 */
public record ImportResult(Material material, Revision revision, ParsedMaterial parsed, List<SimilarMaterial> similar) {

    public ImportResult {
        similar = List.copyOf(similar);
    }

    public ImportResult(Material material, Revision revision, ParsedMaterial parsed) {
        this(material, revision, parsed, List.of());
    }
}
