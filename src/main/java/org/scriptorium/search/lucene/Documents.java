package org.scriptorium.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.scriptorium.search.IndexedMaterial;

/** How a material becomes one material document and one passage document per paragraph. */
final class Documents {

    // Exact-value fields, shared by both indexes so the same filters apply.
    static final String ID = "id";
    static final String KIND = "kind";
    static final String TOPIC = "topic";
    static final String TIER = "tier";
    static final String YEAR = "year";
    static final String PUBLISHED = "published";
    static final String PUBLISHED_SORT = "published_sort";
    static final String PUBLISHED_MICROS = "published_micros";

    // Stored only.
    static final String TITLE = "title";
    static final String OUTLINE = "outline";
    static final String PARAGRAPH = "paragraph";
    static final String TEXT = "text";
    static final String VERSION = "version";

    // Analysed twice each, as TITLE + "_w" and TITLE + "_g" and so on.
    static final String HEADINGS = "headings";
    static final String TOPICS = "topics";
    static final String BODY = "body";

    /** Every analysed field of both indexes, without suffix. */
    static final List<String> TEXT_FIELDS = List.of(TITLE, HEADINGS, TOPICS, BODY, TEXT);

    private final ZoneId zone;
    private final FacetsConfig facets;
    private final boolean bodyWords;

    /**
     * @param bodyWords whether bodies and passages are also cut into words (slow: smartcn is the cost of a rebuild);
     *                  titles and headings always are
     */
    Documents(ZoneId zone, FacetsConfig facets, boolean bodyWords) {
        this.zone = zone;
        this.facets = facets;
        this.bodyWords = bodyWords;
    }

    static FacetsConfig facetsConfig() {
        FacetsConfig config = new FacetsConfig();
        config.setMultiValued(TOPIC, true);
        return config;
    }

    Document material(IndexedMaterial m) {
        Document doc = new Document();
        doc.add(new StringField(ID, m.id(), Field.Store.YES));
        doc.add(new StoredField(TITLE, m.title()));
        doc.add(new StoredField(OUTLINE, String.join("\n", m.headings())));
        doc.add(new StoredField(VERSION, m.version()));
        both(doc, TITLE, m.title(), true);
        for (String heading : m.headings()) {
            both(doc, HEADINGS, heading, true);
        }
        for (String topic : m.topics()) {
            doc.add(new TextField(TOPICS + ChineseAnalysis.GRAMS, topic, Field.Store.NO));
        }
        for (String paragraph : m.paragraphs()) {
            both(doc, BODY, paragraph, bodyWords);
        }
        filters(doc, m, true);
        try {
            return facets.build(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // FacetsConfig.build only throws for taxonomy facets, not used here
        }
    }

    List<Document> passages(IndexedMaterial m) {
        List<Document> out = new ArrayList<>(m.paragraphs().size());
        for (int i = 0; i < m.paragraphs().size(); i++) {
            String text = m.paragraphs().get(i);
            if (text.isBlank()) {
                continue;
            }
            Document doc = new Document();
            doc.add(new StringField(ID, m.id(), Field.Store.YES));
            doc.add(new StoredField(PARAGRAPH, i));
            doc.add(new StoredField(VERSION, m.version()));
            doc.add(new StoredField(TITLE, m.title()));
            doc.add(new StoredField(TEXT, text));
            both(doc, TEXT, text, bodyWords);
            filters(doc, m, false); // passages have no facets
            out.add(doc);
        }
        return out;
    }

    private static void both(Document doc, String field, String text, boolean words) {
        doc.add(new TextField(field + ChineseAnalysis.GRAMS, text, Field.Store.NO));
        if (words) {
            doc.add(new TextField(field + ChineseAnalysis.WORDS, text, Field.Store.NO));
        }
    }

    private void filters(Document doc, IndexedMaterial m, boolean facet) {
        // The materials index (the one with facets) also stores kind and topics, so that a page of hits can be shown
        // without reading the database.
        Field.Store store = facet ? Field.Store.YES : Field.Store.NO;
        doc.add(new StringField(KIND, m.kind(), store));
        if (facet) {
            doc.add(new SortedSetDocValuesFacetField(KIND, m.kind()));
            doc.add(new SortedSetDocValuesFacetField(TIER, m.tier().name()));
        }
        for (String topic : m.topics().stream().distinct().toList()) {
            doc.add(new StringField(TOPIC, topic, store));
            if (facet) {
                doc.add(new SortedSetDocValuesFacetField(TOPIC, topic));
            }
        }
        doc.add(new StringField(TIER, m.tier().name(), Field.Store.YES));
        // A material without a publication time is scheduled for never: staff see it, readers do not.
        Instant published = m.publishedAt() == null ? Instant.ofEpochMilli(Long.MAX_VALUE) : m.publishedAt();
        long millis = published.toEpochMilli();
        doc.add(new LongPoint(PUBLISHED, millis));
        doc.add(new StoredField(PUBLISHED, millis));
        if (facet && m.publishedAt() != null) {
            // To the microsecond, as the database keeps it, so that a list drawn from the index shows the same time.
            doc.add(new StoredField(PUBLISHED_MICROS,
                    Math.addExact(Math.multiplyExact(published.getEpochSecond(), 1_000_000L), published.getNano() / 1_000)));
        }
        doc.add(new NumericDocValuesField(PUBLISHED_SORT, millis));
        if (m.publishedAt() != null) {
            int year = m.publishedAt().atZone(zone).getYear();
            doc.add(new IntPoint(YEAR, year));
            if (facet) {
                doc.add(new SortedSetDocValuesFacetField(YEAR, Integer.toString(year)));
            }
        }
    }
}
