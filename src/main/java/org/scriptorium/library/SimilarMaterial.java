package org.scriptorium.library;

import java.io.Serializable;

/**
 * A published material whose text is much the same as a text being imported.
 *
 * Serializable: it is shown after a redirect, as a flash attribute, which the database session store serialises.
 *
 * @param similarity the share of the imported text found in the material, 0 to 1
 */
public record SimilarMaterial(String materialId, String title, double similarity) implements Serializable {
}
