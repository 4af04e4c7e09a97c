package org.scriptorium.search.lucene;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.LinkedHashMap;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.scriptorium.search.Match;
import org.scriptorium.search.UnderstoodQuery;

/**
 * Turns what a reader typed into a Lucene query without any query language. A query as read by
 * {@link org.scriptorium.search.QueryUnderstanding} becomes {@link #understood}: each concept must occur as a substring
 * (its bigrams as a phrase) of one of the bigram fields, in any of its synonym forms; where it occurs, the 文种 and the
 * year the query names, and runs of it found as typed, only add to the score. Title suggestions use {@link #allTerms}:
 * every whitespace-separated term as typed.
 *
 * <p>Its weights and its way of splitting typed terms are public so that the OpenSearch adapter ranks alike.
 */
public final class QueryBuilder {

    /** Enough for any real query, and keeps the clause count far below Lucene's limit of 1,024. */
    public static final int MAX_TERMS = 16;
    public static final int MAX_GRAMS_PER_TERM = 24;
    /** Score added when a short field (title, headings) holds the term as whole words, as 河长 in 河长 but not 河长制. */
    public static final float WORD_BONUS = 2f;

    private static final Pattern TERM = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    /** Chinese is written without spaces: inside a quoted phrase, 全面 小康 means 全面小康. */
    private static final Pattern SPACE_BETWEEN_HAN = Pattern.compile("(?<=\\p{IsHan})\\s+(?=\\p{IsHan})");

    /**
     * A material of the kind the query's 文种 names whose title holds every word of the query. Measured on the judged
     * set: the kind alone (5) left speeches whose title, headings and topics all say 安全生产 above the 工作报告 on it.
     */
    public static final float KIND_TOPIC_BONUS = 10f;
    /** A run of the query found as typed in a short field: this times the field's boost per bigram of the run. */
    public static final float RUN_BONUS = 1f;
    /** A material of the kind the query's 文种 names. */
    public static final float KIND_BONUS = 5f;
    /** A title holding the 文种 word (…的讲话, …工作报告). */
    public static final float KIND_IN_TITLE_BONUS = 3f;
    /** A material published in the year the query names. */
    public static final float YEAR_BONUS = 3f;
    /** A title naming the year the query names (2025年政府工作报告). */
    public static final float YEAR_IN_TITLE_BONUS = 5f;
    /** How much a synonym's match counts against the term typed. */
    public static final float SYNONYM_WEIGHT = 0.8f;
    /** BM25 on the title's bigrams: small, its length norm only breaks ties between titles that hold the query. */
    public static final float TITLE_BM25_WEIGHT = 0.5f;

    /**
     * Where an understood query looks.
     *
     * @param shortFields bigram fields (without suffix) that add a constant bonus of their boost per bigram of a
     *                    concept they hold, title first
     * @param runningText the bigram field scored with BM25 (the body, a paragraph), or null (a reader who may not read
     *                    the text searches titles, headings and topics only)
     * @param wordFields  word fields whose whole-word matches add {@link #WORD_BONUS}
     * @param materials   whether the index holds kinds and titles (the material index) rather than paragraphs
     */
    record Fields(Map<String, Float> shortFields, String runningText, List<String> wordFields, boolean materials) {
    }

    private final ChineseAnalysis analysis;

    QueryBuilder(ChineseAnalysis analysis) {
        this.analysis = analysis;
    }

    /** Splits on whitespace; a "quoted phrase" is one term; an unmatched quote is ordinary punctuation. */
    public static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        if (text == null) {
            return terms;
        }
        Matcher m = TERM.matcher(text);
        while (m.find()) {
            String term = m.group(1) != null ? SPACE_BETWEEN_HAN.matcher(m.group(1)).replaceAll("") : m.group(2);
            if (!term.isBlank()) {
                terms.add(term.strip());
            }
        }
        return terms;
    }

    /**
     * A query requiring every term, or null when no term has anything searchable in it.
     *
     * <p>How a document scores: BM25 on the bigrams of the <em>last</em> of {@code gramFields} (the running text),
     * plus a constant bonus of its boost per bigram for every earlier (short) field that contains the term, plus
     * {@link #WORD_BONUS} per word field holding the term as whole words. Constant bonuses let Lucene skip documents
     * that cannot reach the page: scoring the short fields and words with BM25 beside the body's bigrams made a phrase
     * found in 240,000 of 300,000 documents cost 15–45 ms for its top 20 instead of 4–12 ms (measured on the
     * benchmark's index), because nested BM25 disjunctions give Lucene no useful bound to skip by.
     *
     * @param gramFields bigram fields (without suffix) a term may occur in, with their boosts; the running text last
     * @param wordFields word fields (without suffix) whose whole-word matches raise the score
     */
    Query allTerms(String text, Map<String, Float> gramFields, List<String> wordFields) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int used = 0;
        for (String term : terms(text)) {
            Query q = term(term, gramFields, wordFields);
            if (q != null) {
                all.add(q, Occur.MUST);
                if (++used == MAX_TERMS) {
                    break;
                }
            }
        }
        return used == 0 ? null : all.build();
    }

    /**
     * The query for one stage of an understood query, or null when nothing in it is searchable.
     *
     * <p>How a document scores: per concept, a constant bonus of a short field's boost per bigram for each short field
     * that holds it (a synonym counting {@link #SYNONYM_WEIGHT}), and {@link #WORD_BONUS} per word field holding it as
     * whole words; BM25 on the bigrams of the whole query (runs included, so words found side by side as typed score
     * more) in the running text; and constant bonuses for a run found as typed in a short field, the 文种's kind and
     * word, and the year. Constant bonuses let Lucene skip documents that cannot reach the page (see
     * {@link #allTerms}).
     *
     * @param match how many concepts must occur: all, most, or any one (then the 文种 word counts as one too)
     */
    Query understood(UnderstoodQuery query, Match match, Fields fields) {
        List<Query> exact = new ArrayList<>();
        List<Query> loose = new ArrayList<>();
        List<Query> optional = new ArrayList<>();
        // the bigrams scored with BM25: those of every word as typed and of every run, each once
        Map<String, ChineseAnalysis.Gram> scoredGrams = new LinkedHashMap<>();
        BooleanQuery.Builder allInTitle = new BooleanQuery.Builder();
        for (UnderstoodQuery.Concept concept : query.concepts()) {
            Map<String, List<ChineseAnalysis.Gram>> forms = forms(concept);
            Query q = concept(concept, forms, fields);
            if (q != null) {
                if (fields.materials()) {
                    allInTitle.add(inTitle(forms), Occur.FILTER);
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
        BooleanQuery.Builder required = new BooleanQuery.Builder();
        exact.forEach(q -> required.add(q, Occur.MUST));
        if (!loose.isEmpty()) {
            int min = Math.clamp(query.required(match), 1, loose.size());
            if (min == loose.size()) {
                loose.forEach(q -> required.add(q, Occur.MUST));
            } else {
                BooleanQuery.Builder some = new BooleanQuery.Builder().setMinimumNumberShouldMatch(min);
                loose.forEach(q -> some.add(q, Occur.SHOULD));
                required.add(some.build(), Occur.MUST);
            }
        }
        BooleanQuery.Builder top = new BooleanQuery.Builder().add(required.build(), Occur.MUST);
        optional.forEach(q -> top.add(q, Occur.SHOULD));
        for (String run : query.runs()) {
            List<ChineseAnalysis.Gram> grams = capped(analysis.grams("q", run));
            score(grams, scoredGrams);
            if (grams.size() > 1) {
                for (Map.Entry<String, Float> field : fields.shortFields().entrySet()) {
                    top.add(constant(substring(field.getKey() + ChineseAnalysis.GRAMS, grams),
                            RUN_BONUS * field.getValue() * grams.size()), Occur.SHOULD);
                }
            }
        }
        if (fields.materials() && fields.shortFields().containsKey(Documents.TITLE) && !scoredGrams.isEmpty()) {
            // BM25 on the title's bigrams too, for its length norm: of two titles holding the query, the shorter one
            // is more about it (淮安市…年度报告 before 淮安市洪泽区…年度报告)
            top.add(new BoostQuery(gramTerms(Documents.TITLE + ChineseAnalysis.GRAMS, List.copyOf(scoredGrams.values())),
                    TITLE_BM25_WEIGHT), Occur.SHOULD);
        }
        if (fields.runningText() != null && !scoredGrams.isEmpty()) {
            top.add(gramTerms(fields.runningText() + ChineseAnalysis.GRAMS, List.copyOf(scoredGrams.values())),
                    Occur.SHOULD);
        }
        if (query.kind() != null) {
            BooleanQuery.Builder kinds = new BooleanQuery.Builder();
            query.kind().kinds().forEach(k -> kinds.add(new TermQuery(new Term(Documents.KIND, k)), Occur.SHOULD));
            top.add(constant(kinds.build(), KIND_BONUS), Occur.SHOULD);
            if (fields.materials()) {
                // a material of the kind asked for whose title holds every word: 安全生产工作报告 is a 工作报告 on 安全生产,
                // more than a speech whose title, headings and topics all say 安全生产
                top.add(constant(allInTitle.add(kinds.build(), Occur.FILTER).build(), KIND_TOPIC_BONUS), Occur.SHOULD);
                List<ChineseAnalysis.Gram> grams = capped(analysis.grams("q", query.kind().word()));
                if (!grams.isEmpty()) {
                    top.add(constant(substring(Documents.TITLE + ChineseAnalysis.GRAMS, grams), KIND_IN_TITLE_BONUS),
                            Occur.SHOULD);
                }
            }
        }
        if (query.year() != null) {
            top.add(constant(IntPoint.newExactQuery(Documents.YEAR, query.year()), YEAR_BONUS), Occur.SHOULD);
            if (fields.materials()) {
                top.add(constant(new TermQuery(new Term(Documents.TITLE + ChineseAnalysis.GRAMS,
                        Integer.toString(query.year()))), YEAR_IN_TITLE_BONUS), Occur.SHOULD);
            }
        }
        return top.build();
    }

    /** The bigrams of each form of the concept (typed first, then its synonyms), forms without any left out. */
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

    /** Adds bigrams to those scored with BM25, each text once. */
    private static void score(List<ChineseAnalysis.Gram> grams, Map<String, ChineseAnalysis.Gram> scored) {
        grams.forEach(g -> scored.putIfAbsent(g.text() + (g.single() ? "*" : ""), g));
    }

    /**
     * Matches where any of the concept's {@code forms} occurs in any field; scores where (see {@link #understood}).
     * Null when no form has anything searchable.
     */
    private Query concept(UnderstoodQuery.Concept concept, Map<String, List<ChineseAnalysis.Gram>> forms, Fields fields) {
        if (forms.isEmpty()) {
            return null;
        }
        int typedGrams = forms.values().iterator().next().size();
        List<Query> anywhere = new ArrayList<>();
        BooleanQuery.Builder scored = new BooleanQuery.Builder();
        for (Map.Entry<String, Float> field : fields.shortFields().entrySet()) {
            List<Query> inField = new ArrayList<>();
            List<Query> synonymsInField = new ArrayList<>();
            boolean first = true;
            for (List<ChineseAnalysis.Gram> grams : forms.values()) {
                Query q = substring(field.getKey() + ChineseAnalysis.GRAMS, grams);
                (first ? inField : synonymsInField).add(q);
                anywhere.add(q);
                first = false;
            }
            float bonus = field.getValue() * typedGrams;
            scored.add(constant(inField.getFirst(), bonus), Occur.SHOULD);
            if (!synonymsInField.isEmpty()) {
                scored.add(constant(disjunction(synonymsInField), bonus * SYNONYM_WEIGHT), Occur.SHOULD);
            }
        }
        if (fields.runningText() != null) {
            // A synonym found in the text lets the concept match, but is not scored there: BM25 over a synonym's
            // bigrams (生态环境保护 for 生态环保) made a passage search 4–6 times slower at 300,000 documents (bench-search),
            // and the typed form's bigrams are scored with the whole query's.
            String field = fields.runningText() + ChineseAnalysis.GRAMS;
            for (List<ChineseAnalysis.Gram> grams : forms.values()) {
                anywhere.add(substring(field, grams));
            }
        }
        List<String> words = fields.wordFields().isEmpty() ? List.of() : analysis.words("q", concept.typed());
        if (!words.isEmpty() && words.size() <= MAX_GRAMS_PER_TERM) {
            for (String field : fields.wordFields()) {
                scored.add(constant(sequence(field + ChineseAnalysis.WORDS, words), WORD_BONUS), Occur.SHOULD);
            }
        }
        return scored.add(anywhere.size() == 1 ? anywhere.getFirst() : disjunction(anywhere), Occur.FILTER).build();
    }

    /** Where any of a concept's forms occurs in the title. */
    private static Query inTitle(Map<String, List<ChineseAnalysis.Gram>> forms) {
        List<Query> inTitle = forms.values().stream()
                .map(grams -> substring(Documents.TITLE + ChineseAnalysis.GRAMS, grams)).toList();
        return inTitle.size() == 1 ? inTitle.getFirst() : disjunction(inTitle);
    }

    private static List<ChineseAnalysis.Gram> capped(List<ChineseAnalysis.Gram> grams) {
        // A longer term still matches where its first part does: recall is kept, the clause count bounded.
        return grams.size() > MAX_GRAMS_PER_TERM ? grams.subList(0, MAX_GRAMS_PER_TERM) : grams;
    }

    private static Query constant(Query q, float boost) {
        return new BoostQuery(new ConstantScoreQuery(q), boost);
    }

    private Query term(String term, Map<String, Float> gramFields, List<String> wordFields) {
        List<ChineseAnalysis.Gram> grams = analysis.grams("q", term);
        if (grams.isEmpty()) {
            return null;
        }
        if (grams.size() > MAX_GRAMS_PER_TERM) {
            // A longer term still matches where its first part does: recall is kept, the clause count bounded.
            grams = grams.subList(0, MAX_GRAMS_PER_TERM);
        }
        List<Query> anyField = new ArrayList<>();
        for (String field : gramFields.keySet()) {
            anyField.add(substring(field + ChineseAnalysis.GRAMS, grams));
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        // Where the term occurs is a filter; how well a document matches is scored apart (see allTerms). Scoring the
        // phrase itself would read every position of every match (hundreds of thousands for 高质量发展); the bigrams
        // as plain terms rank alike.
        b.add(anyField.size() == 1 ? anyField.getFirst() : disjunction(anyField), Occur.FILTER);
        List<String> fields = List.copyOf(gramFields.keySet());
        String runningText = fields.getLast();
        b.add(boost(gramTerms(runningText + ChineseAnalysis.GRAMS, grams), gramFields.get(runningText)), Occur.SHOULD);
        for (int i = 0; i < fields.size() - 1; i++) {
            float bonus = gramFields.get(fields.get(i)) * grams.size();
            b.add(new BoostQuery(new ConstantScoreQuery(anyField.get(i)), bonus), Occur.SHOULD);
        }
        List<String> words = wordFields.isEmpty() ? List.of() : analysis.words("q", term);
        if (!words.isEmpty() && words.size() <= MAX_GRAMS_PER_TERM) {
            for (String field : wordFields) {
                b.add(new BoostQuery(new ConstantScoreQuery(sequence(field + ChineseAnalysis.WORDS, words)), WORD_BONUS),
                        Occur.SHOULD);
            }
        }
        return b.build();
    }

    private static Query disjunction(List<Query> queries) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        queries.forEach(q -> b.add(q, Occur.SHOULD));
        return b.build();
    }

    /**
     * Where the term occurs as written. A lone CJK character has no bigram of its own in the index (it is the first
     * half of one), so it becomes a prefix; inside a longer term it is a gap in the phrase, and at the end also a
     * prefix that must occur in the field.
     */
    private static Query substring(String field, List<ChineseAnalysis.Gram> grams) {
        if (grams.size() == 1) {
            ChineseAnalysis.Gram only = grams.getFirst();
            Term t = new Term(field, only.text());
            return only.single() ? new PrefixQuery(t) : new TermQuery(t);
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        int base = -1;
        int added = 0;
        for (ChineseAnalysis.Gram gram : grams) {
            if (!gram.single()) {
                base = base < 0 ? gram.position() : base;
                phrase.add(new Term(field, gram.text()), gram.position() - base);
                added++;
            }
        }
        ChineseAnalysis.Gram last = grams.getLast();
        if (!last.single()) {
            return phrase.build(); // a one-term phrase rewrites to a term query
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(new PrefixQuery(new Term(field, last.text())), Occur.MUST);
        if (added > 0) {
            b.add(phrase.build(), Occur.MUST);
        }
        return b.build();
    }

    private static Query boost(Query q, float boost) {
        return boost == 1f ? q : new BoostQuery(q, boost);
    }

    /** The term's bigrams as independent scoring clauses (a lone character as a prefix, scored constant). */
    private static Query gramTerms(String field, List<ChineseAnalysis.Gram> grams) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (ChineseAnalysis.Gram gram : grams) {
            Term t = new Term(field, gram.text());
            b.add(gram.single() ? new PrefixQuery(t) : new TermQuery(t), Occur.SHOULD);
        }
        return b.build();
    }

    private static Query sequence(String field, List<String> words) {
        if (words.size() == 1) {
            return new TermQuery(new Term(field, words.getFirst()));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        for (String word : words) {
            phrase.add(new Term(field, word));
        }
        return phrase.build();
    }
}
