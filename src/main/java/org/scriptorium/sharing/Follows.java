package org.scriptorium.sharing;

import java.util.List;
import java.util.Set;

/**
 * The kinds (讲话稿, 工作报告 …) and topics a member follows. Following nothing means being told of every publication
 * one may see, so that a new member is not left in silence; following something narrows it to materials of a
 * followed kind or with at least one followed topic.
 */
public record Follows(Set<String> kinds, Set<String> topics) {

    public static final Follows EVERYTHING = new Follows(Set.of(), Set.of());

    public Follows {
        kinds = Set.copyOf(kinds);
        topics = Set.copyOf(topics);
    }

    /** Whether a material of this kind and these topics is one the member wants to hear about. */
    public boolean matches(String kind, List<String> materialTopics) {
        if (kinds.isEmpty() && topics.isEmpty()) {
            return true;
        }
        return kinds.contains(kind) || materialTopics.stream().anyMatch(topics::contains);
    }

    public boolean followsNothing() {
        return kinds.isEmpty() && topics.isEmpty();
    }
}
