package org.scriptorium.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Groups of terms a reader means alike (党课 / 党课讲稿 / 专题党课, 人大 / 人民代表大会): a query holding one term of a
 * group also finds the others. Applied when a query is read, so that a change needs no rebuild of the index.
 * Immutable; terms are compared {@linkplain #normalise(String) normalised}.
 */
public final class Synonyms {

    /** The longest term a group may hold, in characters. */
    public static final int MAX_TERM = 30;
    /** The most terms one group may hold. */
    public static final int MAX_GROUP = 12;

    /** The reviewed groups shipped with the product ({@code search/synonyms.tsv}). */
    private static final Synonyms BUILT_IN = read("search/synonyms.tsv");

    private static final Synonyms NONE = new Synonyms(List.of());

    private final List<List<String>> groups;
    /** Every term with the other terms of its groups, the term itself first. */
    private final Map<String, List<String>> alternatives;
    private final int longest;

    private Synonyms(Collection<? extends Collection<String>> groups) {
        List<List<String>> kept = new ArrayList<>();
        Map<String, Set<String>> byTerm = new LinkedHashMap<>();
        for (Collection<String> group : groups) {
            List<String> terms = group.stream().map(Synonyms::normalise).filter(t -> !t.isEmpty()).distinct().toList();
            if (terms.size() < 2) {
                continue;
            }
            kept.add(terms);
            for (String term : terms) {
                Set<String> others = byTerm.computeIfAbsent(term, t -> new LinkedHashSet<>(List.of(t)));
                others.addAll(terms);
            }
        }
        this.groups = List.copyOf(kept);
        Map<String, List<String>> out = new LinkedHashMap<>();
        byTerm.forEach((term, others) -> out.put(term, List.copyOf(others)));
        this.alternatives = Map.copyOf(out);
        this.longest = out.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    /** The given groups; groups of fewer than two distinct terms are ignored. */
    public static Synonyms of(Collection<? extends Collection<String>> groups) {
        return groups.isEmpty() ? NONE : new Synonyms(groups);
    }

    /** The reviewed groups shipped with the product. */
    public static Synonyms builtIn() {
        return BUILT_IN;
    }

    /** No groups at all. */
    public static Synonyms none() {
        return NONE;
    }

    /** These groups and those of {@code more}. */
    public Synonyms with(Synonyms more) {
        if (more.groups.isEmpty()) {
            return this;
        }
        List<List<String>> all = new ArrayList<>(groups);
        all.addAll(more.groups);
        return new Synonyms(all);
    }

    /** The groups, each as read (normalised, without repeats). */
    public List<List<String>> groups() {
        return groups;
    }

    /** {@code term} and every term it shares a group with, {@code term} first; just {@code term} when it has none. */
    public List<String> alternatives(String term) {
        String key = normalise(term);
        List<String> found = alternatives.get(key);
        return found == null ? List.of(key) : found;
    }

    /** Whether {@code term} belongs to a group. */
    public boolean contains(String term) {
        return alternatives.containsKey(normalise(term));
    }

    /** The length of the longest term in any group, for a longest-match scan of a query. */
    public int longestTerm() {
        return longest;
    }

    /** Every term of every group, longest first. */
    public List<String> terms() {
        return alternatives.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()
                .thenComparing(Comparator.naturalOrder())).toList();
    }

    /**
     * How a term is compared: full-width forms folded (NFKC), Latin letters in lower case, spaces dropped between
     * Chinese characters (nobody means a space there), quotation marks dropped.
     */
    public static String normalise(String term) {
        if (term == null) {
            return "";
        }
        String s = Normalizer.normalize(term, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip();
        s = s.replaceAll("[\"“”‘’'「」『』]", "");
        return s.replaceAll("(?<=\\p{IsHan})\\s+(?=\\p{IsHan})", "").replaceAll("\\s+", " ");
    }

    private static Synonyms read(String resource) {
        try (InputStream in = Synonyms.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return of(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Groups from text: one group a line, terms separated by {@code /}, {@code ,}, {@code ，} or tabs; blank lines and
     * lines starting with {@code #} are skipped.
     */
    public static List<List<String>> parse(String text) {
        List<List<String>> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            out.add(List.of(l.split("\\s*[/,，\\t]\\s*")));
        }
        return out;
    }
}
