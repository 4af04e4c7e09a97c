package org.scriptorium.library;

/**
 * Something that happened to a material, published after the change is saved. Other modules listen for these
 * (search keeps its index in step; sharing will tell readers).
 */
public sealed interface MaterialEvent
        permits MaterialEvent.Published, MaterialEvent.Revised, MaterialEvent.DetailsChanged, MaterialEvent.Withdrawn {

    String materialId();

    /** A material was imported, or a withdrawn one was published again. */
    record Published(String materialId) implements MaterialEvent {
    }

    /** A new revision of the text was saved. */
    record Revised(String materialId, int revision, String changeNote) implements MaterialEvent {
    }

    /** Title, kind, topics, tier or publication time changed. */
    record DetailsChanged(String materialId) implements MaterialEvent {
    }

    /** An editor withdrew the material from readers. */
    record Withdrawn(String materialId) implements MaterialEvent {
    }
}
