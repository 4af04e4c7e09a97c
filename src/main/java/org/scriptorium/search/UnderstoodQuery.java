package org.scriptorium.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What a reader's query was read as (see {@link QueryUnderstanding}): the concepts to find, the 文种 and year it names,
 * and the runs of text that score more where they occur as typed.
 *
 * @param concepts what the query is about, in the order typed; a strict search requires every one
 * @param optional words of the query that rank but are not required: the 公文's everyday words (工作, 加强, 进一步,
 *                 全县 …), which a title or text may well say otherwise
 * @param runs     the parts of the query as typed between spaces and punctuation, the 文种 and year taken out, each
 *                 holding two or more concepts: a document holding a run as written (not just its concepts apart)
 *                 ranks higher
 * @param kind     the 文种 the query names, or null
 * @param year     the year the query names (2025 of 2025年政府工作报告), or null
 */
public record UnderstoodQuery(List<Concept> concepts, List<Concept> optional, List<String> runs, KindHint kind,
                              Integer year) {

    /** A query with nothing searchable in it. */
    public static final UnderstoodQuery EMPTY = new UnderstoodQuery(List.of(), List.of(), List.of(), null, null);

    public UnderstoodQuery {
        concepts = List.copyOf(concepts);
        optional = List.copyOf(optional);
        runs = List.copyOf(runs);
    }

    /**
     * One thing to find, found where any of its forms occurs.
     *
     * @param typed        the words as the reader typed them
     * @param alternatives {@code typed} first, then the other terms of its synonym groups
     * @param exact        a "quoted phrase": no synonyms, and never dropped when a search is relaxed
     */
    public record Concept(String typed, List<String> alternatives, boolean exact) {

        public Concept {
            alternatives = List.copyOf(alternatives);
        }
    }

    /**
     * A 文种 the query names.
     *
     * @param word  the word typed (讲话, 工作报告, 心得体会 …)
     * @param kinds the material kinds it stands for (讲话稿 for 讲话)
     */
    public record KindHint(String word, List<String> kinds) {

        public KindHint {
            kinds = List.copyOf(kinds);
        }
    }

    /** Whether nothing in the query can be searched for. */
    public boolean isEmpty() {
        return concepts.isEmpty();
    }

    /** Every form of every concept, and the 文种 word: what a snippet highlights. */
    public List<String> highlights() {
        Set<String> out = new LinkedHashSet<>();
        for (Concept c : concepts) {
            out.addAll(c.alternatives());
        }
        for (Concept c : optional) {
            out.addAll(c.alternatives());
        }
        if (kind != null) {
            out.add(kind.word());
        }
        if (year != null) {
            out.add(Integer.toString(year));
        }
        return new ArrayList<>(out);
    }

    /**
     * How many concepts a search at {@code match} requires: all of them, most of them (all but a third, at least one
     * left out), or any one. Exact concepts are always required and not counted here.
     */
    public int required(Match match) {
        int n = (int) concepts.stream().filter(c -> !c.exact()).count();
        return switch (match) {
            case ALL -> n;
            case MOST -> Math.max(1, n - Math.max(1, n / 3));
            case ANY -> Math.min(1, n);
        };
    }

    /**
     * The searches to try in order until one finds something: all concepts, then (for three or more) most, then any
     * one; a single concept is not relaxed.
     */
    public List<Match> stages() {
        long loose = concepts.stream().filter(c -> !c.exact()).count();
        if (loose < 2) {
            return List.of(Match.ALL);
        }
        return loose < 3 ? List.of(Match.ALL, Match.ANY) : List.of(Match.ALL, Match.MOST, Match.ANY);
    }

    /**
     * Runs {@code search} at each of {@link #stages()} in turn until one finds something and returns that result, or
     * the last stage's when none does: how every adapter falls back.
     *
     * @param total how many a result found
     */
    public <R> R firstFound(Function<Match, R> search, ToLongFunction<R> total) {
        R result = null;
        for (Match stage : stages()) {
            result = search.apply(stage);
            if (total.applyAsLong(result) > 0) {
                break;
            }
        }
        return result;
    }
}
