package org.scriptorium.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The floor the product's relevance is held to: what Elasticsearch's {@code cjk} analyzer with a {@code match} query
 * gives. One text field of title and body, analysed into CJK bigrams by Lucene's {@link CJKAnalyzer}, scored by BM25;
 * a query is analysed the same way and its terms are OR-ed. In memory, built once from the texts the product indexed.
 */
final class BaselineSearch {

    private static final String KEY = "key";
    private static final String TEXT = "text";

    private final Analyzer analyzer = new CJKAnalyzer();
    private final IndexSearcher searcher;

    /** Indexes each material's title and body under its key (e.g. {@code real:A01}). */
    BaselineSearch(Map<String, String> titleAndBodyByKey) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity()))) {
            for (Map.Entry<String, String> material : titleAndBodyByKey.entrySet()) {
                Document doc = new Document();
                doc.add(new StringField(KEY, material.getKey(), Field.Store.YES));
                doc.add(new TextField(TEXT, material.getValue(), Field.Store.NO));
                writer.addDocument(doc);
            }
            writer.commit();
            searcher = new IndexSearcher(DirectoryReader.open(directory));
            searcher.setSimilarity(new BM25Similarity());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys of the best {@code limit} materials for {@code query}, best first; empty when no bigram matches. */
    List<String> search(String query, int limit) {
        BooleanQuery.Builder or = new BooleanQuery.Builder();
        for (String term : terms(query)) {
            or.add(new TermQuery(new Term(TEXT, term)), BooleanClause.Occur.SHOULD);
        }
        try {
            List<String> keys = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(or.build(), limit).scoreDocs) {
                keys.add(searcher.storedFields().document(hit.doc).get(KEY));
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> terms(String query) {
        List<String> terms = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream(TEXT, query)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
