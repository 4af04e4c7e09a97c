package org.scriptorium.library;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/** Topics as editors type them: separated by commas (half- or full-width), 、 or spaces. */
public final class Topics {

    private Topics() {
    }

    /** The distinct topics in a typed list, in order; at most 20, each at most 20 characters. */
    public static List<String> parse(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        LinkedHashSet<String> topics = new LinkedHashSet<>();
        Arrays.stream(typed.split("[,，、;；\\s]+"))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .map(t -> t.length() > 20 ? t.substring(0, 20) : t)
                .limit(20)
                .forEach(topics::add);
        return List.copyOf(topics);
    }
}
