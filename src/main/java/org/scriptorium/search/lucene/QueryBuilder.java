package org.scriptorium.search.lucene;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns what a reader typed into a Lucene query without any query language: every term must occur as a substring
 * (its bigrams as a phrase) in one of the bigram fields; whole-word matches in the word fields only add to the score.
 */
final class QueryBuilder {

    /** Enough for any real query, and keeps the clause count far below Lucene's limit of 1,024. */
    static final int MAX_TERMS = 16;
    static final int MAX_GRAMS_PER_TERM = 24;
    /** Score added when a short field (title, headings) holds the term as whole words, as 河长 in 河长 but not 河长制. */
    static final float WORD_BONUS = 2f;

    private static final Pattern TERM = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    /** Chinese is written without spaces: inside a quoted phrase, 全面 小康 means 全面小康. */
    private static final Pattern SPACE_BETWEEN_HAN = Pattern.compile("(?<=\\p{IsHan})\\s+(?=\\p{IsHan})");

    private final ChineseAnalysis analysis;

    QueryBuilder(ChineseAnalysis analysis) {
        this.analysis = analysis;
    }

    /** Splits on whitespace; a "quoted phrase" is one term; an unmatched quote is ordinary punctuation. */
    static List<String> terms(String text) {
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
