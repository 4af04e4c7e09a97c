package org.scriptorium.search;

/** A title offered while the reader types. */
public record TitleSuggestion(String materialId, String title) {
}
