package org.scriptorium.support.fuzz;

import java.util.List;

/**
 * One parser under fuzzing: the inputs to start from, the fragments its format is made of, and the
 * call that feeds it one input and checks the answer against what the parser documents.
 */
public interface FuzzTarget {

    /** A short name for reports and the findings directory, e.g. {@code document-reader}. */
    String name();

    /** Inputs to start from, in a fixed order (the run is reproducible from its seed only if they are). */
    List<byte[]> seeds();

    /**
     * Hostile files (bombs, deep nesting, lying sizes), run once each as they are and never mutated:
     * each costs up to a second to refuse, and a mutant finds nothing its original does not.
     */
    default List<byte[]> hostile() {
        return List.of();
    }

    /** Fragments the mutator inserts (keywords, markup, numbers that are limits); may be empty. */
    default List<byte[]> dictionary() {
        return List.of();
    }

    /**
     * Feeds one input to the parser. Returns normally when the parser accepted the input or refused it
     * with one of its documented rejections; throws anything else, and {@link AssertionError} when an
     * answer breaks a documented promise.
     */
    void accept(byte[] input);
}
