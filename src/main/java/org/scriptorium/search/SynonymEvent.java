package org.scriptorium.search;

/** A change to the operator's synonym groups, published for the audit log. */
public sealed interface SynonymEvent {

    /** The group's id. */
    String groupId();

    /** The operator added a group. */
    record Added(SynonymGroup group) implements SynonymEvent {
        @Override
        public String groupId() {
            return group.id();
        }
    }

    /** The operator changed a group's terms or note, or switched it on or off. */
    record Changed(SynonymGroup before, SynonymGroup after) implements SynonymEvent {
        @Override
        public String groupId() {
            return after.id();
        }
    }

    /** The operator deleted one of their groups. */
    record Deleted(SynonymGroup group) implements SynonymEvent {
        @Override
        public String groupId() {
            return group.id();
        }
    }
}
