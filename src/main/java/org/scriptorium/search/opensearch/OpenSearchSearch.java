package org.scriptorium.search.opensearch;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.aggregations.CompositeAggregationSource;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.scriptorium.common.Rejected;
import org.scriptorium.membership.FullTextScope;
import org.scriptorium.membership.Tier;
import org.scriptorium.search.IndexedMaterial;
import org.scriptorium.search.Match;
import org.scriptorium.search.MaterialQuery;
import org.scriptorium.search.MaterialSearch;
import org.scriptorium.search.PassageResult;
import org.scriptorium.search.QueryUnderstanding;
import org.scriptorium.search.SearchIndex;
import org.scriptorium.search.SearchResult;
import org.scriptorium.search.Synonyms;
import org.scriptorium.search.TitleSuggestion;
import org.scriptorium.search.UnderstoodQuery;
import org.scriptorium.search.lucene.ChineseAnalysis;

/**
 * The search adapter on an OpenSearch server (or cluster) that every node of the application shares: two indexes,
 * {@code <prefix>-materials} and {@code <prefix>-passages} (aliases of concrete indexes, so that a {@link #rebuild}
 * fills new ones while searches keep answering from the old), created with their mapping ({@link Mappings}) on start
 * when missing. Queries are those of the Lucene adapter ({@link Queries}): the same concepts, synonyms, fallbacks,
 * weights and scope rule. Every write is refreshed before it returns, so it is visible to the next search on any node,
 * and durable (OpenSearch syncs its translog per request). Thread-safe.
 */
public final class OpenSearchSearch implements SearchIndex, MaterialSearch, Closeable {

    private static final System.Logger LOG = System.getLogger(OpenSearchSearch.class.getName());
    /** What a reader is asked to wait while the server does not answer. */
    private static final Duration UNAVAILABLE_RETRY = Duration.ofSeconds(30);
    private static final long UNAVAILABLE_LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    /** What a reader sees of a material they may not read: title, outline and topics. */
    private static final List<String> PUBLIC_WORD_FIELDS = List.of("title", "headings");
    private static final Map<String, Float> SHORT_FIELDS = fields("title", 3f, "headings", 2f, "topics", 2f);
    private static final int TOP_TOPICS = 20;
    private static final int ALL_VALUES = 1_000;
    private static final int BATCH = 500;
    private static final int PROGRESS_EVERY = 1_000;
    /** Deep enough for the last page {@link MaterialQuery#MAX_OFFSET} allows. */
    private static final int MAX_RESULT_WINDOW = MaterialQuery.MAX_OFFSET + 100;
    private static final List<String> HIT_FIELDS = List.of("id", "title", "outline", "kind", "topic", "tier", "published",
            "published_micros");

    private final OpenSearchClient client;
    /** Where the server is, as the log names it (no credentials). */
    private final String host;
    /** When a search last logged that the server did not answer ({@link System#nanoTime()}), 0 before. */
    private final AtomicLong lastUnavailableLog = new AtomicLong();
    private final ApacheHttpClient5Transport transport;
    private final String materialsAlias;
    private final String passagesAlias;
    private final String prefix;
    private final int replicas;
    private final ZoneId zone;
    private final Supplier<Synonyms> synonyms;
    private final ChineseAnalysis analysis = new ChineseAnalysis();
    private final Queries queries = new Queries(analysis);
    private final QueryUnderstanding understanding = new QueryUnderstanding();
    private final Queries.Fields materialFields = new Queries.Fields(SHORT_FIELDS, "body", PUBLIC_WORD_FIELDS, true);
    private final Queries.Fields publicFields = new Queries.Fields(SHORT_FIELDS, null, PUBLIC_WORD_FIELDS, true);
    private final Queries.Fields passageFields = new Queries.Fields(Map.of(), "text", List.of(), false);

    /** Guards {@link #rebuilding}, {@link #pendingUpserts} and {@link #pendingDeletes}. */
    private final Object writes = new Object();
    private boolean rebuilding;
    /** Edits made on this node during a rebuild, applied again to the new indexes before they take over. */
    private final List<IndexedMaterial> pendingUpserts = new ArrayList<>();
    private final List<String> pendingDeletes = new ArrayList<>();

    /**
     * Connects and creates the indexes (with their aliases) when they do not exist yet.
     *
     * @param url         the server's base URL, such as {@code http://127.0.0.1:9200}
     * @param username    basic-auth user, or null for none
     * @param password    basic-auth password
     * @param indexPrefix what the index and alias names start with, so that several applications (or tests) share a
     *                    server
     * @param replicas    replicas per shard: 0 on one server node
     * @param zone        the zone in which a publication time falls into a year
     * @param synonyms    the synonym groups to read each query with
     * @throws UncheckedIOException when the server cannot be reached or refuses the indexes
     */
    public OpenSearchSearch(String url, String username, String password, String indexPrefix, int replicas, ZoneId zone,
                            Supplier<Synonyms> synonyms) {
        URI uri = URI.create(url);
        HttpHost host = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort() < 0 ? 9200 : uri.getPort());
        this.host = host.toURI();
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(new JacksonJsonpMapper());
        if (username != null && !username.isBlank()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(new AuthScope(host),
                    new UsernamePasswordCredentials(username, password == null ? new char[0] : password.toCharArray()));
            builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        }
        this.transport = builder.build();
        this.client = new OpenSearchClient(transport);
        this.prefix = indexPrefix;
        this.materialsAlias = indexPrefix + "-materials";
        this.passagesAlias = indexPrefix + "-passages";
        this.replicas = replicas;
        this.zone = zone;
        this.synonyms = synonyms;
        try {
            createIfMissing();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("OpenSearch at " + url + " cannot be used", e);
        }
    }

    /** Each node reads and writes the one index: a change is applied once, by one node. */
    @Override
    public boolean sharedByNodes() {
        return true;
    }

    private void createIfMissing() throws IOException {
        if (!client.indices().existsAlias(a -> a.name(materialsAlias)).value()) {
            createIndex(materialsAlias, Mappings.materials(replicas, MAX_RESULT_WINDOW), true);
        }
        if (!client.indices().existsAlias(a -> a.name(passagesAlias)).value()) {
            createIndex(passagesAlias, Mappings.passages(replicas, MAX_RESULT_WINDOW), true);
        }
    }

    /**
     * Creates a concrete index for the alias. With {@code aliased} (the first index, made at start) it has a fixed name
     * and the alias at once, so that nodes starting together create one index between them, not one each; a rebuild's
     * index is named after the time, and the alias moves to it when it is full.
     */
    private String createIndex(String alias, String body, boolean aliased) throws IOException {
        String name = aliased ? alias + "-0"
                : alias + "-" + System.currentTimeMillis() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String json = aliased ? body.substring(0, body.length() - 1) + ", \"aliases\": {\"" + alias + "\": {}}}" : body;
        try (var response = client.generic().execute(Requests.builder().method("PUT").endpoint("/" + name).json(json).build())) {
            if (response.getStatus() >= 300) {
                String answer = response.getBody().map(b -> b.bodyAsString()).orElse("");
                if (aliased && answer.contains("resource_already_exists_exception")) {
                    return name; // another node created it meanwhile
                }
                throw new IOException("creating index " + name + " answered " + response.getStatus() + ": " + answer);
            }
        }
        return name;
    }

    @Override
    public void upsert(IndexedMaterial material) {
        synchronized (writes) {
            if (rebuilding) {
                pendingUpserts.add(material);
            }
        }
        write(List.of(material), materialsAlias, passagesAlias, Refresh.True, false);
    }

    @Override
    public void delete(String materialId) {
        synchronized (writes) {
            if (rebuilding) {
                pendingDeletes.add(materialId);
            }
        }
        delete(materialId, materialsAlias, passagesAlias);
    }

    private void delete(String materialId, String materialIndex, String passageIndex) {
        try {
            client.delete(d -> d.index(materialIndex).id(materialId).refresh(Refresh.True));
        } catch (OpenSearchException e) {
            if (e.status() != 404) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deletePassages(passageIndex, Queries.term("id", materialId));
    }

    /**
     * Indexes materials with their passages, and deletes the passages an earlier version had beyond the new ones, in
     * one bulk request: a search never sees a material without its passages.
     *
     * @param fresh whether the indexes are new (a rebuild's), so that no earlier version needs looking up
     */
    private void write(List<IndexedMaterial> materials, String materialIndex, String passageIndex, Refresh refresh,
                       boolean fresh) {
        Map<String, Integer> before = fresh ? Map.of() : paragraphCounts(materialIndex, materials);
        BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(refresh);
        for (IndexedMaterial m : materials) {
            Map<String, Object> doc = filters(m);
            doc.put("outline", String.join("\n", m.headings()));
            doc.put("paragraphs", m.paragraphs().size());
            doc.put("title_g", m.title());
            doc.put("title_w", words(m.title()));
            doc.put("headings_g", m.headings());
            doc.put("headings_w", m.headings().stream().map(this::words).toList());
            doc.put("topics_g", m.topics());
            doc.put("body_g", m.paragraphs());
            if (m.publishedAt() != null) {
                doc.put("published_micros", Math.addExact(Math.multiplyExact(m.publishedAt().getEpochSecond(), 1_000_000L),
                        m.publishedAt().getNano() / 1_000));
            }
            bulk.operations(o -> o.index(i -> i.index(materialIndex).id(m.id()).document(doc)));
            int old = before.getOrDefault(m.id(), 0);
            for (int p = 0; p < Math.max(old, m.paragraphs().size()); p++) {
                String id = m.id() + "#" + p;
                String text = p < m.paragraphs().size() ? m.paragraphs().get(p) : "";
                if (!text.isBlank()) {
                    Map<String, Object> passage = filters(m);
                    passage.put("paragraph", p);
                    passage.put("text", text);
                    passage.put("text_g", text);
                    bulk.operations(o -> o.index(i -> i.index(passageIndex).id(id).document(passage)));
                } else if (p < old) {
                    bulk.operations(o -> o.delete(d -> d.index(passageIndex).id(id)));
                }
            }
        }
        try {
            BulkResponse response = client.bulk(bulk.build());
            if (response.errors()) {
                String reason = response.items().stream().filter(i -> i.error() != null)
                        .map(i -> i.error().type() + ": " + i.error().reason()).findFirst().orElse("");
                throw new IllegalStateException("OpenSearch refused a bulk write: " + reason);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many paragraphs each material had when it was last written, for those in the index (a real-time read). */
    private Map<String, Integer> paragraphCounts(String materialIndex, List<IndexedMaterial> materials) {
        try {
            Map<String, Integer> out = new HashMap<>();
            var response = client.mget(g -> g.index(materialIndex).ids(materials.stream().map(IndexedMaterial::id).toList())
                    .sourceIncludes("paragraphs"), Map.class);
            for (var doc : response.docs()) {
                if (doc.isResult() && doc.result().found() && doc.result().source() != null
                        && doc.result().source().get("paragraphs") instanceof Number n) {
                    out.put(doc.result().id(), n.intValue());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deletePassages(String passageIndex, Query which) {
        try {
            client.deleteByQuery(d -> d.index(passageIndex).query(which).refresh(Refresh.True).conflicts(
                    org.opensearch.client.opensearch._types.Conflicts.Proceed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exact-value fields both indexes share, so that the same filters apply. */
    private Map<String, Object> filters(IndexedMaterial m) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("id", m.id());
        doc.put("title", m.title());
        doc.put("kind", m.kind());
        doc.put("topic", m.topics().stream().distinct().toList());
        doc.put("tier", m.tier().name());
        // a material without a publication time is scheduled for never: staff see it, readers do not
        doc.put("published", m.publishedAt() == null ? Long.MAX_VALUE : m.publishedAt().toEpochMilli());
        if (m.publishedAt() != null) {
            doc.put("year", m.publishedAt().atZone(zone).getYear());
        }
        doc.put("version", m.version());
        return doc;
    }

    /** The words of a text as smartcn cuts them, separated by spaces, for a {@code whitespace}-analysed field. */
    private String words(String text) {
        return String.join(" ", analysis.words("w", text));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: new concrete indexes are filled while the aliases still name the old ones, then the aliases move to the
     * new ones in one atomic step and the old indexes are deleted. Edits made on this node meanwhile are applied to the
     * new indexes again before they take over; edits made on other nodes meanwhile reach only the old indexes, and are
     * found again by comparing {@code versions()} with the database after the switch (the caller's part: the
     * library's {@code SearchIndexing.rebuild}).
     *
     * @throws IllegalStateException when another rebuild is running on this node
     */
    @Override
    public void rebuild(Iterator<IndexedMaterial> source, LongConsumer progress) {
        synchronized (writes) {
            if (rebuilding) {
                throw new IllegalStateException("a rebuild is already running");
            }
            rebuilding = true;
        }
        String newMaterials = null;
        String newPassages = null;
        boolean swapped = false;
        try {
            newMaterials = createIndex(materialsAlias, Mappings.materials(replicas, MAX_RESULT_WINDOW), false);
            newPassages = createIndex(passagesAlias, Mappings.passages(replicas, MAX_RESULT_WINDOW), false);
            long count = 0;
            List<IndexedMaterial> batch = new ArrayList<>(BATCH);
            while (source.hasNext()) {
                batch.add(source.next());
                count++;
                if (batch.size() == BATCH) {
                    write(batch, newMaterials, newPassages, Refresh.False, true);
                    batch.clear();
                }
                if (count % PROGRESS_EVERY == 0) {
                    if (!batch.isEmpty()) {
                        write(batch, newMaterials, newPassages, Refresh.False, true);
                        batch.clear();
                    }
                    progress.accept(count);
                }
            }
            if (!batch.isEmpty()) {
                write(batch, newMaterials, newPassages, Refresh.False, true);
            }
            if (count % PROGRESS_EVERY != 0) {
                progress.accept(count);
            }
            swapped = swap(newMaterials, newPassages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!swapped) {
                deleteQuietly(newMaterials);
                deleteQuietly(newPassages);
                synchronized (writes) {
                    rebuilding = false;
                    pendingUpserts.clear();
                    pendingDeletes.clear();
                }
            }
        }
    }

    /** Replays this node's edits made during the rebuild on the new indexes, then moves the aliases to them. */
    private boolean swap(String newMaterials, String newPassages) throws IOException {
        List<String> oldMaterials = concrete(materialsAlias);
        List<String> oldPassages = concrete(passagesAlias);
        synchronized (writes) {
            if (!pendingUpserts.isEmpty()) {
                write(pendingUpserts, newMaterials, newPassages, Refresh.False, false);
            }
            for (String id : pendingDeletes) {
                delete(id, newMaterials, newPassages);
            }
            client.indices().refresh(r -> r.index(newMaterials, newPassages));
            client.indices().updateAliases(u -> {
                oldMaterials.forEach(old -> u.actions(a -> a.remove(r -> r.index(old).alias(materialsAlias))));
                oldPassages.forEach(old -> u.actions(a -> a.remove(r -> r.index(old).alias(passagesAlias))));
                return u.actions(a -> a.add(r -> r.index(newMaterials).alias(materialsAlias)))
                        .actions(a -> a.add(r -> r.index(newPassages).alias(passagesAlias)));
            });
            rebuilding = false;
            pendingUpserts.clear();
            pendingDeletes.clear();
        }
        oldMaterials.forEach(this::deleteQuietly);
        oldPassages.forEach(this::deleteQuietly);
        return true;
    }

    private List<String> concrete(String alias) throws IOException {
        return List.copyOf(client.indices().getAlias(a -> a.name(alias)).result().keySet());
    }

    private void deleteQuietly(String index) {
        if (index == null) {
            return;
        }
        try {
            client.indices().delete(d -> d.index(index));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not delete the search index " + index, e);
        }
    }

    @Override
    public long materialCount() {
        return count(materialsAlias);
    }

    /** How many paragraphs the passage index holds. */
    public long passageCount() {
        return count(passagesAlias);
    }

    private long count(String index) {
        try {
            return client.count(c -> c.index(index)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A material whose passages were written at another version than its document (a write that failed half-way)
     * is given as version {@code ""}, so that it is indexed again.
     */
    @Override
    public Optional<Map<String, String>> versions() {
        Map<String, String> out = storedVersions(materialsAlias);
        storedVersions(passagesAlias).forEach((id, version) -> out.computeIfPresent(id, (k, v) -> v.equals(version) ? v : ""));
        return Optional.of(out);
    }

    /** Every (id, version) pair of an index, read by a composite aggregation page by page. */
    private Map<String, String> storedVersions(String index) {
        Map<String, String> out = new HashMap<>();
        Map<String, FieldValue> after = null;
        try {
            while (true) {
                Map<String, FieldValue> from = after;
                Aggregation pairs = Aggregation.of(a -> a.composite(c -> {
                    c.size(5_000).sources(
                            Map.of("id", CompositeAggregationSource.of(s -> s.terms(t -> t.field("id")))),
                            Map.of("version", CompositeAggregationSource.of(s -> s.terms(t -> t.field("version")))));
                    return from == null ? c : c.after(from);
                }));
                SearchResponse<Void> response = client.search(s -> s.index(index).size(0).aggregations("pairs", pairs),
                        Void.class);
                var composite = response.aggregations().get("pairs").composite();
                for (var bucket : composite.buckets().array()) {
                    String id = bucket.key().get("id").stringValue();
                    String version = bucket.key().get("version").stringValue();
                    out.merge(id, version, (a, b) -> a.equals(b) ? a : "");
                }
                if (composite.buckets().array().isEmpty() || composite.afterKey() == null) {
                    return out;
                }
                after = composite.afterKey();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: read and relaxed as the Lucene adapter does (see {@link UnderstoodQuery#stages()}); facets are terms
     * aggregations, exact.
     */
    @Override
    public SearchResult search(MaterialQuery query, Instant now, boolean includeUnpublished, FullTextScope scope) {
        UnderstoodQuery understood = understanding.understand(query.text(), synonyms.get());
        if (query.text() != null && understood.isEmpty()) {
            return new SearchResult(0, List.of(), SearchResult.Facets.NONE, Match.ALL, understood);
        }
        return understood.firstFound(stage -> search(understood, stage, query, now, includeUnpublished, scope),
                SearchResult::total);
    }

    private SearchResult search(UnderstoodQuery understood, Match stage, MaterialQuery query, Instant now,
                                boolean includeUnpublished, FullTextScope scope) {
        Query text = scoped(fields -> queries.understood(understood, stage, fields), scope);
        Query q = filtered(text, query, now, includeUnpublished);
        boolean byScore = text != null && query.sort() == org.scriptorium.search.SortOrder.RELEVANCE;
        SearchRequest request = SearchRequest.of(s -> {
            s.index(materialsAlias).query(q).from(query.offset()).size(query.size()).trackTotalHits(t -> t.enabled(true))
                    .source(src -> src.filter(f -> f.includes(HIT_FIELDS)))
                    .aggregations("kind", terms("kind", ALL_VALUES))
                    .aggregations("topic", terms("topic", TOP_TOPICS))
                    .aggregations("year", terms("year", ALL_VALUES))
                    .aggregations("tier", terms("tier", ALL_VALUES));
            if (byScore) {
                s.sort(o -> o.score(sc -> sc.order(SortOrder.Desc)));
            }
            return s.sort(o -> o.field(f -> f.field("published").order(SortOrder.Desc)));
        });
        SearchResponse<Map> response = run(request);
        List<SearchResult.MaterialHit> hits = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            Map<?, ?> d = hit.source();
            hits.add(new SearchResult.MaterialHit((String) d.get("id"), byScore ? score(hit) : 0f, (String) d.get("title"),
                    (String) d.get("outline"), (String) d.get("kind"), strings(d.get("topic")),
                    Tier.valueOf((String) d.get("tier")), publishedAt(d)));
        }
        Map<String, Aggregate> aggs = response.aggregations();
        SearchResult.Facets facets = new SearchResult.Facets(counts(aggs.get("kind")), counts(aggs.get("topic")),
                counts(aggs.get("year")), counts(aggs.get("tier")), false);
        return new SearchResult(response.hits().total().value(), hits, facets, stage, understood);
    }

    /** {@inheritDoc} Read and relaxed as {@link #search(MaterialQuery, Instant, boolean, FullTextScope)} is. */
    @Override
    public PassageResult passages(MaterialQuery query, Instant now, boolean includeUnpublished, FullTextScope scope) {
        UnderstoodQuery understood = understanding.understand(query.text(), synonyms.get());
        if (understood.isEmpty() || scope.isEmpty()) {
            return new PassageResult(0, List.of(), Match.ALL, understood);
        }
        return understood.firstFound(stage -> passages(understood, stage, query, now, includeUnpublished, scope),
                PassageResult::total);
    }

    private PassageResult passages(UnderstoodQuery understood, Match stage, MaterialQuery query, Instant now,
                                   boolean includeUnpublished, FullTextScope scope) {
        Query text = queries.understood(understood, stage, passageFields);
        if (text == null) {
            return new PassageResult(0, List.of(), stage, understood);
        }
        Query scopedText = scope.everything() ? text : Queries.bool(List.of(text), List.of(), List.of(inScope(scope)), 0);
        Query q = filtered(scopedText, query, now, includeUnpublished);
        SearchResponse<Map> response = run(SearchRequest.of(s -> s.index(passagesAlias).query(q).from(query.offset())
                .size(query.size()).trackTotalHits(t -> t.enabled(true))
                .sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("published").order(SortOrder.Desc)))));
        List<PassageResult.PassageHit> hits = new ArrayList<>();
        for (Hit<Map> hit : response.hits().hits()) {
            Map<?, ?> d = hit.source();
            hits.add(new PassageResult.PassageHit((String) d.get("id"), (String) d.get("title"),
                    ((Number) d.get("paragraph")).intValue(), (String) d.get("text"), score(hit),
                    Tier.valueOf((String) d.get("tier")), Instant.ofEpochMilli(((Number) d.get("published")).longValue())));
        }
        return new PassageResult(response.hits().total().value(), hits, stage, understood);
    }

    /** {@inheritDoc} Best title matches first, newer before older among equals; at most 50. */
    @Override
    public List<TitleSuggestion> suggestTitles(String typed, int limit, Instant now) {
        if (typed == null || limit < 1) {
            return List.of();
        }
        Query title = queries.allTermsInTitle(typed.length() > 200 ? typed.substring(0, 200) : typed);
        if (title == null) {
            return List.of();
        }
        Query q = Queries.bool(List.of(title), List.of(), List.of(publishedBy(now)), 0);
        SearchResponse<Map> response = run(SearchRequest.of(s -> s.index(materialsAlias).query(q).size(Math.min(limit, 50))
                .source(src -> src.filter(f -> f.includes("id", "title")))
                .sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("published").order(SortOrder.Desc)))));
        return response.hits().hits().stream()
                .map(h -> new TitleSuggestion((String) h.source().get("id"), (String) h.source().get("title"))).toList();
    }

    /**
     * Where the text matches and the material is in the scope, or where its title, outline or topics match (the
     * Lucene adapter's rule); null without searchable text.
     */
    private Query scoped(Function<Queries.Fields, Query> query, FullTextScope scope) {
        if (scope.everything()) {
            return query.apply(materialFields);
        }
        if (scope.isEmpty()) {
            return query.apply(publicFields);
        }
        Query full = query.apply(materialFields);
        if (full == null) {
            return null;
        }
        Query visible = query.apply(publicFields);
        Query inText = Queries.bool(List.of(full), List.of(), List.of(inScope(scope)), 0);
        return Queries.bool(List.of(), List.of(inText, visible), List.of(), 1);
    }

    /** The documents of materials in a scope that is neither empty nor everything. */
    private static Query inScope(FullTextScope scope) {
        List<Query> any = new ArrayList<>();
        if (scope.free()) {
            any.add(Queries.term("tier", Tier.FREE.name()));
        }
        if (scope.memberFrom() != null) {
            // at or after the limit, in the milliseconds the index keeps: rounded up, so never one material more
            Instant limit = scope.memberFrom();
            long fromMillis = limit.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE)) ? Long.MIN_VALUE
                    : limit.toEpochMilli() + (limit.getNano() % 1_000_000 == 0 ? 0 : 1);
            any.add(Queries.bool(List.of(), List.of(), List.of(Queries.term("tier", Tier.MEMBER.name()),
                    Query.of(q -> q.range(r -> r.field("published").gte(JsonData.of(fromMillis))))), 0));
        }
        return Queries.bool(List.of(), any, List.of(), 1);
    }

    private static Query publishedBy(Instant now) {
        return Query.of(q -> q.range(r -> r.field("published").lte(JsonData.of(now.toEpochMilli()))));
    }

    private static Query filtered(Query text, MaterialQuery query, Instant now, boolean includeUnpublished) {
        List<Query> filters = new ArrayList<>();
        if (query.kind() != null) {
            filters.add(Queries.term("kind", query.kind()));
        }
        if (query.topic() != null) {
            filters.add(Queries.term("topic", query.topic()));
        }
        if (query.year() != null) {
            filters.add(Query.of(q -> q.term(t -> t.field("year").value(FieldValue.of(query.year())))));
        }
        if (query.tier() != null) {
            filters.add(Queries.term("tier", query.tier().name()));
        }
        if (!includeUnpublished) {
            filters.add(publishedBy(now));
        }
        List<Query> must = text == null ? List.of(Query.of(q -> q.matchAll(m -> m))) : List.of(text);
        return Queries.bool(must, List.of(), filters, 0);
    }

    private static Aggregation terms(String field, int size) {
        return Aggregation.of(a -> a.terms(t -> t.field(field).size(size)));
    }

    /** Counts, largest first, then by value: the Lucene adapter's order. */
    private static List<SearchResult.FacetCount> counts(Aggregate aggregate) {
        List<SearchResult.FacetCount> out = new ArrayList<>();
        if (aggregate.isSterms()) {
            aggregate.sterms().buckets().array().forEach(b -> out.add(new SearchResult.FacetCount(b.key(), b.docCount())));
        } else if (aggregate.isLterms()) {
            aggregate.lterms().buckets().array().forEach(b -> out.add(new SearchResult.FacetCount(
                    String.valueOf(b.key().isSigned() ? b.key().signed() : b.key().unsigned()), b.docCount())));
        }
        out.sort(Comparator.comparingLong(SearchResult.FacetCount::count).reversed()
                .thenComparing(SearchResult.FacetCount::value));
        return out;
    }

    /**
     * Runs a reader's query. A server that cannot be reached, or answers that it cannot search now (overloaded, an
     * index without its shard), is no fault of the reader nor of our code: they are told to try again shortly (503
     * {@code SEARCH_UNAVAILABLE}) while the operator finds the cause in the log, once a minute at most.
     */
    @SuppressWarnings("rawtypes")
    private SearchResponse<Map> run(SearchRequest request) {
        try {
            return client.search(request, Map.class);
        } catch (IOException e) {
            throw unavailable(e);
        } catch (OpenSearchException e) {
            if (e.status() >= 500 || e.status() == 429) {
                throw unavailable(e);
            }
            throw e;
        }
    }

    private Rejected unavailable(Exception cause) {
        long now = System.nanoTime();
        long last = lastUnavailableLog.get();
        if ((last == 0 || now - last > UNAVAILABLE_LOG_EVERY_NANOS) && lastUnavailableLog.compareAndSet(last, now)) {
            LOG.log(System.Logger.Level.WARNING, "OpenSearch at " + host + " did not answer a search; readers are told "
                    + "search is unavailable (logged once a minute while it lasts)", cause);
        }
        return Rejected.unavailable("SEARCH_UNAVAILABLE", "搜索服务暂时不可用，请稍后再试。",
                "Search is unavailable for the moment; please try again shortly.", UNAVAILABLE_RETRY);
    }

    private static float score(Hit<?> hit) {
        return hit.score() == null ? 0f : hit.score().floatValue();
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    private static Instant publishedAt(Map<?, ?> d) {
        if (d.get("published_micros") instanceof Number micros) {
            long value = micros.longValue();
            return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
        }
        return Instant.ofEpochMilli(((Number) d.get("published")).longValue());
    }

    /** Deletes this adapter's indexes (tests and benchmarks that share a server clean up after themselves). */
    public void dropIndexes() {
        try {
            client.indices().delete(d -> d.index(prefix + "-materials-*", prefix + "-passages-*"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not close the OpenSearch client", e);
        }
    }

    private static Map<String, Float> fields(Object... fieldsAndBoosts) {
        Map<String, Float> out = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndBoosts.length; i += 2) {
            out.put((String) fieldsAndBoosts[i], (Float) fieldsAndBoosts[i + 1]);
        }
        return out;
    }
}
