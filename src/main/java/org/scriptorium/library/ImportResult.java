package org.scriptorium.library;

/** A material as saved by an import or a revision, with the structure found in its text. */
public record ImportResult(Material material, Revision revision, ParsedMaterial parsed) {
}
