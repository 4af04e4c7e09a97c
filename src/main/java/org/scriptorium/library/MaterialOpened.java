package org.scriptorium.library;

/**
 * A signed-in reader opened a material's reading page and was shown it (its full text or its outline); published by
 * the page after the gate let them in, for the reader's history (issue 16, reader basics). Not published for API
 * reads, which scripts make in bulk, nor for a material the reader was told does not exist.
 */
public record MaterialOpened(String userId, String materialId) {
}
