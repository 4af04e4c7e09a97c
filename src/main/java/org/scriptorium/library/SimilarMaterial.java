package org.scriptorium.library;

/**
 * A published material whose text is much the same as a text being imported.
 *
 * @param similarity the share of the imported text found in the material, 0 to 1
 */
public record SimilarMaterial(String materialId, String title, double similarity) {
}
