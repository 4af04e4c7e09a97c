package org.scriptorium.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * The two ways a text is cut: into words ({@code *_w} fields, SmartChineseAnalyzer) and into overlapping character
 * pairs ({@code *_g} fields, CJK bigrams), so that a search finds whole words and parts of words alike. Public so that
 * the OpenSearch adapter cuts query text, and the words it indexes, exactly as this adapter does.
 */
public final class ChineseAnalysis {

    /** Field-name suffix of the word variant. */
    public static final String WORDS = "_w";
    /** Field-name suffix of the bigram variant. */
    public static final String GRAMS = "_g";

    /** A bigram-analysed token; {@code single} marks a lone CJK character that had no neighbour to pair with. */
    public record Gram(String text, int position, boolean single) {
    }

    private final Analyzer words;
    private final Analyzer grams;

    public ChineseAnalysis() {
        // smartcn's default stop set is punctuation only (，。、《》…), so it drops nothing a reader would search for.
        this.words = new SmartChineseAnalyzer(true);
        this.grams = new BigramAnalyzer();
        // smartcn reads its dictionaries (some 10 MB of serialized tables) on first use: do it now, in the background,
        // rather than in the first search or the first publication, which would wait most of a second for it.
        Thread.ofVirtual().name("smartcn-dictionaries").start(() -> words("body", "全面推进乡村振兴"));
    }

    /** Analyzes {@code *_w} fields into words and {@code *_g} fields into bigrams; other fields are not analysed. */
    Analyzer perField(List<String> textFields) {
        Map<String, Analyzer> byField = new java.util.HashMap<>();
        for (String field : textFields) {
            byField.put(field + WORDS, words);
            byField.put(field + GRAMS, grams);
        }
        return new PerFieldAnalyzerWrapper(grams, byField);
    }

    /** The bigrams of a query term, positions relative to its first token. */
    public List<Gram> grams(String field, String text) {
        List<Gram> out = new ArrayList<>();
        try (TokenStream stream = grams.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                out.add(new Gram(term.toString(), position, CJKBigramFilter.SINGLE_TYPE.equals(type.type())));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String cannot fail
        }
        return out;
    }

    /** The words of a query term. */
    public List<String> words(String field, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = words.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** StandardTokenizer + CJKWidthFilter + LowerCaseFilter + CJKBigramFilter, bigrams only. */
    private static final class BigramAnalyzer extends Analyzer {

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new CJKWidthFilter(source);
            stream = new LowerCaseFilter(stream);
            stream = new CJKBigramFilter(stream, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA
                    | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL, false);
            return new TokenStreamComponents(source, stream);
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            // Headings and topics are separate values: a phrase must not run from one into the next.
            return 100;
        }
    }
}
