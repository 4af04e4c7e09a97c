package org.scriptorium.search.opensearch;

/**
 * The settings and mappings of the two indexes. Text is indexed twice, as the Lucene adapter does: {@code *_g} fields
 * are cut into CJK bigrams by the {@code grams} analyzer (analysis-common's standard tokenizer, {@code cjk_width},
 * {@code lowercase}, {@code cjk_bigram}: the Lucene adapter's analyzer, token for token); {@code *_w} fields hold words
 * cut by the application (smartcn, which an OpenSearch server may not have) and are split on spaces only. Neither is
 * kept in {@code _source}: hits show the stored title, outline and paragraph, never a body.
 */
final class Mappings {

    /** One shard: the scores are the Lucene adapter's BM25 over the whole collection, not per shard. */
    private static final String SETTINGS = """
            "settings": {
              "number_of_shards": 1,
              "number_of_replicas": %d,
              "max_result_window": %d,
              "analysis": {
                "analyzer": {
                  "grams": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["cjk_width", "lowercase", "scriptorium_bigram"]
                  }
                },
                "filter": {
                  "scriptorium_bigram": {
                    "type": "cjk_bigram",
                    "ignored_scripts": [],
                    "output_unigrams": false
                  }
                }
              }
            }""";

    private static final String GRAMS = """
            {"type": "text", "analyzer": "grams", "position_increment_gap": 100, "norms": true}""";
    private static final String WORDS = """
            {"type": "text", "analyzer": "whitespace", "position_increment_gap": 100}""";
    private static final String FILTERS = """
                "id": {"type": "keyword"},
                "kind": {"type": "keyword"},
                "topic": {"type": "keyword"},
                "tier": {"type": "keyword"},
                "year": {"type": "integer"},
                "published": {"type": "long"},
                "version": {"type": "keyword"},
                "title": {"type": "keyword", "index": false, "doc_values": false}""";

    private Mappings() {
    }

    /** The material index: one document per material, with facets as keyword doc values. */
    static String materials(int replicas, int maxResultWindow) {
        return "{" + SETTINGS.formatted(replicas, maxResultWindow) + """
                ,
                "mappings": {
                  "dynamic": "strict",
                  "_source": {"excludes": ["*_g", "*_w"]},
                  "properties": {
                """ + FILTERS + """
                ,
                    "outline": {"type": "keyword", "index": false, "doc_values": false},
                    "paragraphs": {"type": "integer", "index": false, "doc_values": false},
                    "published_micros": {"type": "long", "index": false, "doc_values": false},
                    "title_g": %1$s,
                    "title_w": %2$s,
                    "headings_g": %1$s,
                    "headings_w": %2$s,
                    "topics_g": %1$s,
                    "body_g": %1$s
                  }
                }
                }""".formatted(GRAMS, WORDS);
    }

    /** The passage index: one document per non-blank paragraph, filtered as its material. */
    static String passages(int replicas, int maxResultWindow) {
        return "{" + SETTINGS.formatted(replicas, maxResultWindow) + """
                ,
                "mappings": {
                  "dynamic": "strict",
                  "_source": {"excludes": ["*_g", "*_w"]},
                  "properties": {
                """ + FILTERS + """
                ,
                    "paragraph": {"type": "integer"},
                    "text": {"type": "keyword", "index": false, "doc_values": false},
                    "text_g": %1$s
                  }
                }
                }""".formatted(GRAMS);
    }
}
