package org.scriptorium.search.opensearch;

import static org.scriptorium.search.lucene.QueryBuilder.KIND_BONUS;
import static org.scriptorium.search.lucene.QueryBuilder.KIND_IN_TITLE_BONUS;
import static org.scriptorium.search.lucene.QueryBuilder.KIND_TOPIC_BONUS;
import static org.scriptorium.search.lucene.QueryBuilder.MAX_GRAMS_PER_TERM;
import static org.scriptorium.search.lucene.QueryBuilder.MAX_TERMS;
import static org.scriptorium.search.lucene.QueryBuilder.RUN_BONUS;
import static org.scriptorium.search.lucene.QueryBuilder.SYNONYM_WEIGHT;
import static org.scriptorium.search.lucene.QueryBuilder.TITLE_BM25_WEIGHT;
import static org.scriptorium.search.lucene.QueryBuilder.WORD_BONUS;
import static org.scriptorium.search.lucene.QueryBuilder.YEAR_BONUS;
import static org.scriptorium.search.lucene.QueryBuilder.YEAR_IN_TITLE_BONUS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.scriptorium.search.Match;
import org.scriptorium.search.UnderstoodQuery;
import org.scriptorium.search.lucene.ChineseAnalysis;
import org.scriptorium.search.lucene.QueryBuilder;

/**
 * The Lucene adapter's queries ({@link QueryBuilder}) in OpenSearch's query DSL, clause for clause and with the same
 * weights, so that both adapters find and rank alike. Query text is cut into bigrams and words here, by the same
 * analysis the Lucene adapter uses, and sent as exact terms and phrases (over the {@code whitespace} analyzer): the
 * server never parses a query language.
 */
final class Queries {

    /**
     * Where an understood query looks (see {@code QueryBuilder.Fields}).
     *
     * @param shortFields bigram fields (without suffix) adding a constant bonus of their boost per bigram, title first
     * @param runningText the bigram field scored with BM25, or null
     * @param wordFields  word fields whose whole-word matches add {@link QueryBuilder#WORD_BONUS}
     * @param materials   whether the index is the material index rather than the passage index
     */
    record Fields(Map<String, Float> shortFields, String runningText, List<String> wordFields, boolean materials) {
    }

    private static final String G = ChineseAnalysis.GRAMS;
    private static final String W = ChineseAnalysis.WORDS;

    private final ChineseAnalysis analysis;

    Queries(ChineseAnalysis analysis) {
        this.analysis = analysis;
    }

    /** Every term of the text as typed in the title (title suggestions), or null when none is searchable. */
    Query allTermsInTitle(String text) {
        List<Query> all = new ArrayList<>();
        for (String term : QueryBuilder.terms(text)) {
            List<ChineseAnalysis.Gram> grams = capped(analysis.grams("q", term));
            if (grams.isEmpty()) {
                continue;
            }
            List<Query> clauses = new ArrayList<>();
            clauses.add(gramTerms("title" + G, grams));
            List<String> words = analysis.words("q", term);
            if (!words.isEmpty() && words.size() <= MAX_GRAMS_PER_TERM) {
                clauses.add(constant(sequence("title" + W, words), WORD_BONUS));
            }
            all.add(bool(List.of(), clauses, List.of(substring("title" + G, grams)), 0));
            if (all.size() == MAX_TERMS) {
                break;
            }
        }
        return all.isEmpty() ? null : bool(all, List.of(), List.of(), 0);
    }

    /** The query for one stage of an understood query, or null when nothing in it is searchable. */
    Query understood(UnderstoodQuery query, Match match, Fields fields) {
        List<Query> exact = new ArrayList<>();
        List<Query> loose = new ArrayList<>();
        List<Query> optional = new ArrayList<>();
        Map<String, ChineseAnalysis.Gram> scoredGrams = new LinkedHashMap<>();
        List<Query> allInTitle = new ArrayList<>();
        for (UnderstoodQuery.Concept concept : query.concepts()) {
            Map<String, List<ChineseAnalysis.Gram>> forms = forms(concept);
            Query q = concept(concept, forms, fields);
            if (q != null) {
                if (fields.materials()) {
                    allInTitle.add(disjunction(forms.values().stream().map(g -> substring("title" + G, g)).toList()));
                }
                (concept.exact() ? exact : loose).add(q);
                score(forms.getOrDefault(concept.typed(), List.of()), scoredGrams);
            }
        }
        for (UnderstoodQuery.Concept concept : query.optional()) {
            Map<String, List<ChineseAnalysis.Gram>> forms = forms(concept);
            Query q = concept(concept, forms, fields);
            if (q != null) {
                optional.add(q);
                score(forms.getOrDefault(concept.typed(), List.of()), scoredGrams);
            }
        }
        if (match == Match.ANY && query.kind() != null && query.concepts().stream()
                .noneMatch(c -> c.typed().equals(query.kind().word()))) {
            UnderstoodQuery.Concept word = new UnderstoodQuery.Concept(query.kind().word(), List.of(query.kind().word()), false);
            Query kindWord = concept(word, forms(word), fields);
            if (kindWord != null) {
                loose.add(kindWord);
            }
        }
        if (exact.isEmpty() && loose.isEmpty()) {
            return null;
        }
        List<Query> required = new ArrayList<>(exact);
        if (!loose.isEmpty()) {
            int min = Math.clamp(query.required(match), 1, loose.size());
            if (min == loose.size()) {
                required.addAll(loose);
            } else {
                required.add(bool(List.of(), loose, List.of(), min));
            }
        }
        List<Query> should = new ArrayList<>(optional);
        for (String run : query.runs()) {
            List<ChineseAnalysis.Gram> grams = capped(analysis.grams("q", run));
            score(grams, scoredGrams);
            if (grams.size() > 1) {
                fields.shortFields().forEach((field, boost) ->
                        should.add(constant(substring(field + G, grams), RUN_BONUS * boost * grams.size())));
            }
        }
        List<ChineseAnalysis.Gram> scored = List.copyOf(scoredGrams.values());
        if (fields.materials() && fields.shortFields().containsKey("title") && !scored.isEmpty()) {
            should.add(boosted(gramTerms("title" + G, scored), TITLE_BM25_WEIGHT));
        }
        if (fields.runningText() != null && !scored.isEmpty()) {
            should.add(gramTerms(fields.runningText() + G, scored));
        }
        if (query.kind() != null) {
            Query kinds = disjunction(query.kind().kinds().stream().map(k -> term("kind", k)).toList());
            should.add(constant(kinds, KIND_BONUS));
            if (fields.materials()) {
                List<Query> titleAndKind = new ArrayList<>(allInTitle);
                titleAndKind.add(kinds);
                should.add(constant(bool(List.of(), List.of(), titleAndKind, 0), KIND_TOPIC_BONUS));
                List<ChineseAnalysis.Gram> grams = capped(analysis.grams("q", query.kind().word()));
                if (!grams.isEmpty()) {
                    should.add(constant(substring("title" + G, grams), KIND_IN_TITLE_BONUS));
                }
            }
        }
        if (query.year() != null) {
            should.add(constant(Query.of(q -> q.term(t -> t.field("year").value(FieldValue.of(query.year())))), YEAR_BONUS));
            if (fields.materials()) {
                should.add(constant(term("title" + G, Integer.toString(query.year())), YEAR_IN_TITLE_BONUS));
            }
        }
        return bool(List.of(bool(required, List.of(), List.of(), 0)), should, List.of(), 0);
    }

    /** Matches where any form of the concept occurs in any field; scores where (as the Lucene adapter does). */
    private Query concept(UnderstoodQuery.Concept concept, Map<String, List<ChineseAnalysis.Gram>> forms, Fields fields) {
        if (forms.isEmpty()) {
            return null;
        }
        int typedGrams = forms.values().iterator().next().size();
        List<Query> anywhere = new ArrayList<>();
        List<Query> scored = new ArrayList<>();
        fields.shortFields().forEach((field, boost) -> {
            List<Query> synonyms = new ArrayList<>();
            boolean first = true;
            for (List<ChineseAnalysis.Gram> grams : forms.values()) {
                Query q = substring(field + G, grams);
                anywhere.add(q);
                if (first) {
                    scored.add(constant(q, boost * typedGrams));
                } else {
                    synonyms.add(q);
                }
                first = false;
            }
            if (!synonyms.isEmpty()) {
                scored.add(constant(disjunction(synonyms), boost * typedGrams * SYNONYM_WEIGHT));
            }
        });
        if (fields.runningText() != null) {
            for (List<ChineseAnalysis.Gram> grams : forms.values()) {
                anywhere.add(substring(fields.runningText() + G, grams));
            }
        }
        List<String> words = fields.wordFields().isEmpty() ? List.of() : analysis.words("q", concept.typed());
        if (!words.isEmpty() && words.size() <= MAX_GRAMS_PER_TERM) {
            for (String field : fields.wordFields()) {
                scored.add(constant(sequence(field + W, words), WORD_BONUS));
            }
        }
        return bool(List.of(), scored, List.of(disjunction(anywhere)), 0);
    }

    private Map<String, List<ChineseAnalysis.Gram>> forms(UnderstoodQuery.Concept concept) {
        Map<String, List<ChineseAnalysis.Gram>> forms = new LinkedHashMap<>();
        for (String alternative : concept.alternatives()) {
            List<ChineseAnalysis.Gram> grams = capped(analysis.grams("q", alternative));
            if (!grams.isEmpty()) {
                forms.put(alternative, grams);
            }
        }
        return forms;
    }

    private static void score(List<ChineseAnalysis.Gram> grams, Map<String, ChineseAnalysis.Gram> scored) {
        grams.forEach(g -> scored.putIfAbsent(g.text() + (g.single() ? "*" : ""), g));
    }

    private static List<ChineseAnalysis.Gram> capped(List<ChineseAnalysis.Gram> grams) {
        return grams.size() > MAX_GRAMS_PER_TERM ? grams.subList(0, MAX_GRAMS_PER_TERM) : grams;
    }

    /**
     * Where the bigrams occur as written: a phrase of them (a lone CJK character, which has no bigram of its own, as a
     * prefix), as the Lucene adapter's {@code substring}.
     */
    static Query substring(String field, List<ChineseAnalysis.Gram> grams) {
        if (grams.size() == 1) {
            ChineseAnalysis.Gram only = grams.getFirst();
            return only.single() ? prefix(field, only.text()) : term(field, only.text());
        }
        List<String> phrase = new ArrayList<>();
        int first = -1;
        int last = -1;
        for (ChineseAnalysis.Gram gram : grams) {
            if (!gram.single()) {
                first = first < 0 ? gram.position() : first;
                last = gram.position();
                phrase.add(gram.text());
            }
        }
        // a lone character inside the term leaves a gap in the phrase, as in the Lucene adapter's PhraseQuery
        int slop = phrase.isEmpty() ? 0 : (last - first) - (phrase.size() - 1);
        Query inOrder = phrase.isEmpty() ? null : phrase.size() == 1 ? term(field, phrase.getFirst())
                : Query.of(q -> q.matchPhrase(m -> m.field(field).query(String.join(" ", phrase))
                        .analyzer("whitespace").slop(slop)));
        ChineseAnalysis.Gram tail = grams.getLast();
        if (!tail.single()) {
            return inOrder;
        }
        List<Query> must = new ArrayList<>();
        must.add(prefix(field, tail.text()));
        if (inOrder != null) {
            must.add(inOrder);
        }
        return bool(must, List.of(), List.of(), 0);
    }

    /** The bigrams as independent BM25 clauses (a lone character as a prefix, scored constant). */
    private static Query gramTerms(String field, List<ChineseAnalysis.Gram> grams) {
        return bool(List.of(), grams.stream().map(g -> g.single() ? prefix(field, g.text()) : term(field, g.text())).toList(),
                List.of(), 0);
    }

    private static Query sequence(String field, List<String> words) {
        return words.size() == 1 ? term(field, words.getFirst())
                : Query.of(q -> q.matchPhrase(m -> m.field(field).query(String.join(" ", words)).analyzer("whitespace")));
    }

    static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }

    private static Query prefix(String field, String value) {
        return Query.of(q -> q.prefix(p -> p.field(field).value(value)));
    }

    private static Query constant(Query inner, float boost) {
        return Query.of(q -> q.constantScore(c -> c.filter(inner).boost(boost)));
    }

    private static Query boosted(Query inner, float boost) {
        return Query.of(q -> q.bool(b -> b.should(inner).boost(boost)));
    }

    static Query disjunction(List<Query> queries) {
        return queries.size() == 1 ? queries.getFirst() : bool(List.of(), queries, List.of(), 1);
    }

    /** A bool query; {@code minimumShould} 0 leaves OpenSearch's default (should clauses optional beside must). */
    static Query bool(List<Query> must, List<Query> should, List<Query> filter, int minimumShould) {
        return Query.of(q -> q.bool(b -> {
            b.must(must).should(should).filter(filter);
            if (minimumShould > 0) {
                b.minimumShouldMatch(Integer.toString(minimumShould));
            }
            return b;
        }));
    }
}
