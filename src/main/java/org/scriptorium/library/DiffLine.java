package org.scriptorium.library;

import java.util.List;
import java.util.Objects;

/**
 * One paragraph of a {@link RevisionDiff}: the same in both revisions, added, removed, or changed.
 *
 * @param kind     what happened to the paragraph; never {@code null}
 * @param oldText  the paragraph in the old revision; {@code null} for {@link Kind#ADDED}
 * @param newText  the paragraph in the new revision; {@code null} for {@link Kind#REMOVED}
 * @param segments for {@link Kind#CHANGED}, the character diff: {@code SAME} and {@code DELETE}
 *                 segments concatenated give {@code oldText}, {@code SAME} and {@code INSERT} give
 *                 {@code newText}; otherwise a single segment holding the paragraph ({@code SAME},
 *                 {@code INSERT} or {@code DELETE}). Never {@code null} (copied).
 */
public record DiffLine(Kind kind, String oldText, String newText, List<Segment> segments) {

    /** @throws NullPointerException if {@code kind} or {@code segments} is {@code null} */
    public DiffLine {
        Objects.requireNonNull(kind, "kind");
        segments = List.copyOf(segments);
    }

    /** What happened to a paragraph between two revisions. */
    public enum Kind {
        /** Present, unchanged, in both revisions. */
        SAME,
        /** Only in the new revision. */
        ADDED,
        /** Only in the old revision. */
        REMOVED,
        /** Edited: an old paragraph and a similar new one paired together. */
        CHANGED
    }

    /**
     * A run of characters of a paragraph and what happened to it.
     *
     * @param op   kept, inserted into the new revision, or deleted from the old one
     * @param text the characters; never empty
     */
    public record Segment(Op op, String text) {

        /** What happened to a run of characters. */
        public enum Op { SAME, INSERT, DELETE }
    }
}
