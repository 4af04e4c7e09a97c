package org.scriptorium.library;

/** How often one placeholder token (as written, e.g. {@code "××"}, {@code "XXX"}, {@code "某某"}) occurs in a body. */
public record PlaceholderCount(String token, int count) {
}
