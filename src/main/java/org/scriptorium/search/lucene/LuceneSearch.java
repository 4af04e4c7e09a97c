package org.scriptorium.search.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Optional;
import org.apache.lucene.util.Bits;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.RandomSamplingFacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.scriptorium.membership.FullTextScope;
import org.scriptorium.membership.Tier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.scriptorium.search.IndexedMaterial;
import org.scriptorium.search.Match;
import org.scriptorium.search.QueryUnderstanding;
import org.scriptorium.search.Synonyms;
import org.scriptorium.search.UnderstoodQuery;
import org.scriptorium.search.MaterialQuery;
import org.scriptorium.search.MaterialSearch;
import org.scriptorium.search.PassageResult;
import org.scriptorium.search.SearchIndex;
import org.scriptorium.search.SearchResult;
import org.scriptorium.search.SortOrder;
import org.scriptorium.search.TitleSuggestion;

/**
 * The embedded search adapter: two Lucene indexes under one directory, {@code materials/} (one document per material)
 * and {@code passages/} (one document per paragraph). Every write is committed and visible to the next search.
 * Thread-safe.
 *
 * <p>Terms match whole words and parts of words alike: "脱贫" finds 脱贫攻坚, "河长" finds 河长制.
 * Bodies are indexed as bigrams only by default (see {@link #LuceneSearch(Path, ZoneId, boolean)}).
 */
public final class LuceneSearch implements SearchIndex, MaterialSearch, Closeable {

    private static final System.Logger LOG = System.getLogger(LuceneSearch.class.getName());

    /** What a reader sees of a material they may not read: its title, outline and topics. */
    private static final List<String> PUBLIC_WORD_FIELDS = List.of(Documents.TITLE, Documents.HEADINGS);
    /** What a reader's query is read against: short fields for bonuses, the body for BM25. */
    private static final Map<String, Float> SHORT_FIELDS = fields(
            Documents.TITLE, 3f, Documents.HEADINGS, 2f, Documents.TOPICS, 2f);
    private static final Map<String, Float> TITLE_FIELDS = fields(Documents.TITLE, 1f);
    private static final Sort NEWEST = new Sort(new SortField(Documents.PUBLISHED_SORT, SortField.Type.LONG, true));
    private static final Sort BEST = new Sort(SortField.FIELD_SCORE,
            new SortField(Documents.PUBLISHED_SORT, SortField.Type.LONG, true));
    private static final int PROGRESS_EVERY = 1_000;
    private static final Set<String> HIT_FIELDS = Set.of(Documents.ID, Documents.TITLE, Documents.OUTLINE, Documents.KIND,
            Documents.TOPIC, Documents.TIER, Documents.PUBLISHED, Documents.PUBLISHED_MICROS);

    private final IndexStore materials;
    private final IndexStore passages;
    private final Documents documents;
    private final QueryBuilder queries;
    private final FacetReader facets;
    private final List<String> materialWordFields;
    private final List<String> passageWordFields;
    private final QueryUnderstanding understanding = new QueryUnderstanding();
    private final Supplier<Synonyms> synonyms;
    private final QueryBuilder.Fields materialFields;
    private final QueryBuilder.Fields publicFields;
    private final QueryBuilder.Fields passageFields;

    /** Hits counted exactly before the page's collector may skip documents that cannot enter it. */
    private static final int COMPETITIVE_HITS = 1_000;

    /** Guards {@link #rebuilding}, {@link #pending}, {@link #dirty} and {@link #whenCommitted}, and orders commits. */
    private final Object writes = new Object();
    private boolean rebuilding;
    /**
     * Changes are visible at once (the searchers read the writer) but committed, which costs an fsync of every new
     * file, at most this long after the first uncommitted one: one commit per imported document kept a batch import
     * under 30 documents a second. What a crash loses meanwhile is replayed from the caller's outbox (see
     * {@link #afterDurable}).
     */
    static final long COMMIT_DELAY_MILLIS = 1_000;
    private boolean dirty;
    private boolean commitScheduled;
    /** Actions waiting for the next commit ({@link #afterDurable}). */
    private final List<Runnable> whenCommitted = new ArrayList<>();
    /** Set when a scheduled commit failed: the next write reports it, so its caller replays what was lost. */
    private IOException commitFailure;
    private final java.util.concurrent.ScheduledExecutorService committer =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                    .name("lucene-commit").unstarted(r));
    /** Edits that arrived during a rebuild, applied on top of it before it is committed. */
    private final List<IndexedOp> pending = new ArrayList<>();

    private sealed interface IndexedOp {
    }

    private record Upsert(IndexedMaterial material) implements IndexedOp {
    }

    private record Delete(String materialId) implements IndexedOp {
    }

    /**
     * Opens (or creates) the indexes under {@code directory}, bodies indexed as bigrams only.
     *
     * @param zone the zone in which a publication time falls into a year
     * @throws UncheckedIOException when the directory cannot be used at all (an unreadable index is reset instead)
     */
    public LuceneSearch(Path directory, ZoneId zone) {
        this(directory, zone, false);
    }

    /**
     * Opens (or creates) the indexes under {@code directory}.
     *
     * @param bodyWords also cut bodies and passages into words for scoring; about triples the time of a rebuild
     */
    public LuceneSearch(Path directory, ZoneId zone, boolean bodyWords) {
        this(directory, zone, bodyWords, FacetReader.SAMPLE);
    }

    /**
     * Opens (or creates) the indexes under {@code directory}, reading queries with the synonym groups that
     * {@code synonyms} gives at the time of each search.
     */
    public LuceneSearch(Path directory, ZoneId zone, boolean bodyWords, Supplier<Synonyms> synonyms) {
        this(directory, zone, bodyWords, FacetReader.SAMPLE, synonyms);
    }

    /** As above, with facet counts estimated from a sample of {@code facetSample} when more match (for tests). */
    LuceneSearch(Path directory, ZoneId zone, boolean bodyWords, int facetSample) {
        this(directory, zone, bodyWords, facetSample, Synonyms::builtIn);
    }

    private LuceneSearch(Path directory, ZoneId zone, boolean bodyWords, int facetSample, Supplier<Synonyms> synonyms) {
        this.synonyms = synonyms;
        ChineseAnalysis analysis = new ChineseAnalysis();
        FacetsConfig config = Documents.facetsConfig();
        this.documents = new Documents(zone, config, bodyWords);
        this.queries = new QueryBuilder(analysis);
        this.facets = new FacetReader(config, facetSample);
        this.materialWordFields = bodyWords
                ? List.of(Documents.TITLE, Documents.HEADINGS, Documents.BODY)
                : List.of(Documents.TITLE, Documents.HEADINGS);
        this.passageWordFields = bodyWords ? List.of(Documents.TEXT) : List.of();
        this.materialFields = new QueryBuilder.Fields(SHORT_FIELDS, Documents.BODY, materialWordFields, true);
        this.publicFields = new QueryBuilder.Fields(SHORT_FIELDS, null, PUBLIC_WORD_FIELDS, true);
        this.passageFields = new QueryBuilder.Fields(Map.of(), Documents.TEXT, passageWordFields, false);
        try {
            this.materials = new IndexStore(directory.resolve("materials"), analysis.perField(Documents.TEXT_FIELDS));
            IndexStore p;
            try {
                p = new IndexStore(directory.resolve("passages"), analysis.perField(Documents.TEXT_FIELDS));
            } catch (IOException | RuntimeException e) {
                materials.close();
                throw e;
            }
            this.passages = p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether an unreadable index was found on opening and wiped: the caller should {@link #rebuild} it. */
    public boolean wasReset() {
        return materials.wasReset() || passages.wasReset();
    }

    @Override
    public void upsert(IndexedMaterial material) {
        write(new Upsert(material));
    }

    @Override
    public void delete(String materialId) {
        write(new Delete(materialId));
    }

    private void write(IndexedOp op) {
        try {
            synchronized (writes) {
                if (commitFailure != null) {
                    IOException failure = commitFailure;
                    commitFailure = null;
                    throw failure;
                }
                if (rebuilding) {
                    pending.add(op);
                    return;
                }
                materials.reopenIfClosed();
                passages.reopenIfClosed();
                try {
                    apply(op);
                } catch (IOException | RuntimeException e) {
                    // Back to the last commit (the callers' outbox still holds every uncommitted change).
                    rollbackQuietly(e);
                    whenCommitted.clear();
                    dirty = false;
                    throw e;
                }
                dirty = true;
                if (!commitScheduled) {
                    commitScheduled = true;
                    committer.schedule(this::commitPending, COMMIT_DELAY_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            }
            // visible to the next search, which refreshes first
            materials.markStale();
            passages.markStale();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: after the commit that follows the changes written so far, at most {@link #COMMIT_DELAY_MILLIS} later.
     */
    @Override
    public void afterDurable(Runnable action) {
        synchronized (writes) {
            if (dirty || rebuilding) {
                whenCommitted.add(action);
                return;
            }
        }
        action.run();
    }

    /** Commits the changes written since the last commit, then runs what waited for them. */
    void commitPending() {
        List<Runnable> actions;
        synchronized (writes) {
            commitScheduled = false;
            if (rebuilding) {
                return; // the rebuild commits, and runs the actions
            }
            if (dirty) {
                try {
                    materials.commit();
                    passages.commit();
                } catch (IOException | RuntimeException e) {
                    rollbackQuietly(e);
                    whenCommitted.clear();
                    dirty = false;
                    commitFailure = e instanceof IOException io ? io : new IOException(e);
                    LOG.log(System.Logger.Level.ERROR, "Could not commit the search index", e);
                    return;
                }
                dirty = false;
            }
            actions = drainWhenCommitted();
        }
        runAll(actions);
    }

    private List<Runnable> drainWhenCommitted() {
        List<Runnable> actions = List.copyOf(whenCommitted);
        whenCommitted.clear();
        return actions;
    }

    private static void runAll(List<Runnable> actions) {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "An action after a search index commit failed", e);
            }
        }
    }

    private void rollbackQuietly(Exception failure) {
        for (IndexStore store : List.of(materials, passages)) {
            try {
                store.rollback();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e); // still broken: the next write tries again
            }
        }
    }

    private void apply(IndexedOp op) throws IOException {
        switch (op) {
            case Upsert(IndexedMaterial m) -> {
                Term id = new Term(Documents.ID, m.id());
                materials.writer().updateDocument(id, documents.material(m));
                passages.writer().updateDocuments(id, documents.passages(m)); // atomic: old passages go as new come
            }
            case Delete(String materialId) -> {
                Term id = new Term(Documents.ID, materialId);
                materials.writer().deleteDocuments(id);
                passages.writer().deleteDocuments(id);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Edits made during the rebuild are applied on top of it when it ends and become visible then.
     *
     * @throws IllegalStateException when another rebuild is running
     */
    @Override
    public void rebuild(Iterator<IndexedMaterial> source, LongConsumer progress) {
        List<Runnable> committedBefore;
        synchronized (writes) {
            if (rebuilding) {
                throw new IllegalStateException("a rebuild is already running");
            }
            // what was written before the rebuild is committed first: a failed rebuild rolls back to this commit
            try {
                if (dirty) {
                    materials.commit();
                    passages.commit();
                    dirty = false;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            committedBefore = drainWhenCommitted();
            rebuilding = true;
        }
        runAll(committedBefore);
        try {
            // searches during the rebuild see what was there before it, never the half-built index
            materials.refresh();
            passages.refresh();
        } catch (IOException e) {
            synchronized (writes) {
                rebuilding = false;
            }
            throw new UncheckedIOException(e);
        }
        boolean committed = false;
        List<Runnable> afterCommit;
        try {
            materials.writer().deleteAll();
            passages.writer().deleteAll();
            long count = addAll(source, progress);
            synchronized (writes) {
                for (IndexedOp op : pending) {
                    apply(op);
                }
                pending.clear();
                materials.commit();
                passages.commit();
                rebuilding = false;
                dirty = false;
                committed = true;
                afterCommit = drainWhenCommitted();
            }
            runAll(afterCommit);
            materials.refresh();
            passages.refresh();
            if (count % PROGRESS_EVERY != 0 || count == 0) {
                progress.accept(count);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!committed) {
                abandonRebuild();
            }
        }
    }

    /**
     * Adds every material with one indexing thread per core while the caller's thread reads the source, so that
     * preparing documents (often a database read and a parse) and analysing them overlap. IndexWriter is thread-safe.
     *
     * @return how many materials were added
     */
    private long addAll(Iterator<IndexedMaterial> source, LongConsumer progress) throws IOException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        BlockingQueue<IndexedMaterial> queue = new ArrayBlockingQueue<>(256);
        // Marks the end of the source for each worker; compared by identity.
        IndexedMaterial end = new IndexedMaterial("", "", "", List.of(), Tier.FREE, Instant.EPOCH, List.of(), List.of());
        AtomicLong added = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(Thread.ofPlatform().name("lucene-rebuild-" + i).start(() -> {
                try {
                    for (IndexedMaterial m = queue.take(); m != end; m = queue.take()) {
                        if (failure.get() == null) {
                            materials.writer().addDocument(documents.material(m));
                            passages.writer().addDocuments(documents.passages(m));
                            added.incrementAndGet();
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    queue.clear();
                }
            }));
        }
        long produced = 0;
        long reported = 0;
        try {
            while (source.hasNext() && failure.get() == null) {
                queue.put(source.next());
                produced++;
                long done = added.get();
                if (done - reported >= PROGRESS_EVERY) {
                    reported = done - done % PROGRESS_EVERY;
                    progress.accept(reported);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            for (int i = 0; i < threads; i++) {
                try {
                    queue.put(end);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (Thread worker : workers) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        Throwable t = failure.get();
        if (t instanceof IOException io) {
            throw io;
        } else if (t instanceof RuntimeException re) {
            throw re;
        } else if (t != null) {
            throw new IllegalStateException("rebuild failed", t);
        }
        return produced;
    }

    /** Returns to the last commit and keeps the edits that arrived meanwhile. */
    private void abandonRebuild() {
        List<Runnable> actions;
        try {
            synchronized (writes) {
                materials.rollback();
                passages.rollback();
                for (IndexedOp op : pending) {
                    apply(op);
                }
                pending.clear();
                materials.commit();
                passages.commit();
                rebuilding = false;
                dirty = false;
                actions = drainWhenCommitted();
            }
            runAll(actions);
            materials.refresh();
            passages.refresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long materialCount() {
        return read(materials, s -> (long) s.getIndexReader().numDocs());
    }

    /**
     * {@inheritDoc}
     *
     * <p>A material whose passages were indexed at another version than its document (a crash between the two
     * indexes' commits) is given as version {@code ""}, so that it is indexed again.
     */
    @Override
    public Optional<Map<String, String>> versions() {
        Map<String, String> out = storedVersions(materials);
        storedVersions(passages).forEach((id, version) -> out.computeIfPresent(id, (k, v) -> v.equals(version) ? v : ""));
        return Optional.of(out);
    }

    private Map<String, String> storedVersions(IndexStore store) {
        Set<String> fields = Set.of(Documents.ID, Documents.VERSION);
        return read(store, searcher -> {
            Map<String, String> out = new HashMap<>();
            for (var leaf : searcher.getIndexReader().leaves()) {
                StoredFields stored = leaf.reader().storedFields();
                Bits live = leaf.reader().getLiveDocs();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live == null || live.get(doc)) {
                        Document d = stored.document(doc, fields);
                        String version = d.get(Documents.VERSION);
                        out.merge(d.get(Documents.ID), version == null ? "" : version, (a, b) -> a.equals(b) ? a : "");
                    }
                }
            }
            return out;
        });
    }

    /** How many paragraphs the passage index holds. */
    public long passageCount() {
        return read(passages, s -> (long) s.getIndexReader().numDocs());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: the query as {@link QueryUnderstanding} reads it; when no material holds every concept, most of them,
     * then any one (see {@link UnderstoodQuery#stages()}), as the result's {@link SearchResult#match()} says.
     */
    @Override
    public SearchResult search(MaterialQuery query, Instant now, boolean includeUnpublished, FullTextScope scope) {
        UnderstoodQuery understood = understanding.understand(query.text(), synonyms.get());
        if (query.text() != null && understood.isEmpty()) {
            // typed, but nothing to search for (😀, 的, *): nothing is found, rather than the whole library
            return new SearchResult(0, List.of(), SearchResult.Facets.NONE, Match.ALL, understood);
        }
        return understood.firstFound(stage -> search(understood, stage, query, now, includeUnpublished, scope),
                SearchResult::total);
    }

    private SearchResult search(UnderstoodQuery understood, Match stage, MaterialQuery query, Instant now,
                                boolean includeUnpublished, FullTextScope scope) {
        Query text = scoped(fields -> queries.understood(understood, stage, fields), scope);
        Query q = filtered(text, query, now, includeUnpublished);
        Sort sort = text != null && query.sort() == SortOrder.RELEVANCE ? BEST : NEWEST;
        return read(materials, searcher -> {
            // Two cheap passes beat one expensive one: collecting every match for the total and the facets needs no
            // scores, and the page needs scores only where a document can still make it, so Lucene may skip the rest.
            TopFieldDocs docs = searcher.search(q,
                    new TopFieldCollectorManager(sort, query.offset() + query.size(), null, COMPETITIVE_HITS));
            RandomSamplingFacetsCollector matches = searcher.search(q, facets.collector());
            long total = FacetReader.total(matches);
            StoredFields stored = searcher.storedFields();
            List<SearchResult.MaterialHit> hits = new ArrayList<>();
            for (ScoreDoc sd : page(docs, query)) {
                Document d = stored.document(sd.doc, HIT_FIELDS);
                hits.add(new SearchResult.MaterialHit(d.get(Documents.ID), score(sd, sort), d.get(Documents.TITLE),
                        d.get(Documents.OUTLINE), d.get(Documents.KIND), List.of(d.getValues(Documents.TOPIC)),
                        Tier.valueOf(d.get(Documents.TIER)), publishedAt(d)));
            }
            return new SearchResult(total, hits, facets.count(searcher.getIndexReader(), matches), stage, understood);
        });
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
        Query q = filtered(scope.everything() ? text : new BooleanQuery.Builder().add(text, Occur.MUST)
                .add(inScope(scope), Occur.FILTER).build(), query, now, includeUnpublished);
        return read(passages, searcher -> {
            long total = searcher.count(q);
            TopFieldDocs docs = searcher.search(q,
                    new TopFieldCollectorManager(BEST, query.offset() + query.size(), null, COMPETITIVE_HITS));
            StoredFields stored = searcher.storedFields();
            List<PassageResult.PassageHit> hits = new ArrayList<>();
            for (ScoreDoc sd : page(docs, query)) {
                Document d = stored.document(sd.doc);
                hits.add(new PassageResult.PassageHit(d.get(Documents.ID), d.get(Documents.TITLE),
                        d.getField(Documents.PARAGRAPH).numericValue().intValue(), d.get(Documents.TEXT),
                        score(sd, BEST), Tier.valueOf(d.get(Documents.TIER)),
                        Instant.ofEpochMilli(d.getField(Documents.PUBLISHED).numericValue().longValue())));
            }
            return new PassageResult(total, hits, stage, understood);
        });
    }

    /** {@inheritDoc} Best title matches first, newer before older among equals; at most 50. */
    @Override
    public List<TitleSuggestion> suggestTitles(String typed, int limit, Instant now) {
        if (typed == null || limit < 1) {
            return List.of();
        }
        String text = typed.length() > 200 ? typed.substring(0, 200) : typed;
        Query title = queries.allTerms(text, TITLE_FIELDS, List.of(Documents.TITLE));
        if (title == null) {
            return List.of();
        }
        Query q = new BooleanQuery.Builder()
                .add(title, Occur.MUST)
                .add(LongPoint.newRangeQuery(Documents.PUBLISHED, Long.MIN_VALUE, now.toEpochMilli()), Occur.FILTER)
                .build();
        return read(materials, searcher -> {
            TopFieldDocs docs = searcher.search(q, new TopFieldCollectorManager(BEST, Math.min(limit, 50), null, 0));
            StoredFields stored = searcher.storedFields();
            List<TitleSuggestion> out = new ArrayList<>();
            for (ScoreDoc sd : docs.scoreDocs) {
                Document d = stored.document(sd.doc, Set.of(Documents.ID, Documents.TITLE));
                out.add(new TitleSuggestion(d.get(Documents.ID), d.get(Documents.TITLE)));
            }
            return out;
        });
    }

    /**
     * A material matches where its text matches and it is in the scope, or where its title, outline or topics match;
     * null without searchable text. Scores come from whichever matches, so the order of hits says nothing either.
     * Only the queries the scope needs are built: the text's for everything, the visible fields' for nothing.
     *
     * @param query the query over the given fields
     */
    private Query scoped(Function<QueryBuilder.Fields, Query> query, FullTextScope scope) {
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
        Query inText = new BooleanQuery.Builder().add(full, Occur.MUST).add(inScope(scope), Occur.FILTER).build();
        return new BooleanQuery.Builder().add(inText, Occur.SHOULD).add(visible, Occur.SHOULD)
                .setMinimumNumberShouldMatch(1).build();
    }

    /** The documents of materials in a scope that is neither empty nor everything. */
    private static Query inScope(FullTextScope scope) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        if (scope.free()) {
            b.add(new TermQuery(new Term(Documents.TIER, Tier.FREE.name())), Occur.SHOULD);
        }
        if (scope.memberFrom() != null) {
            // At or after the limit, in the milliseconds the index keeps: rounded up, so never one material more.
            Instant limit = scope.memberFrom();
            long fromMillis = limit.isBefore(Instant.ofEpochMilli(Long.MIN_VALUE)) ? Long.MIN_VALUE
                    : limit.toEpochMilli() + (limit.getNano() % 1_000_000 == 0 ? 0 : 1);
            b.add(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Documents.TIER, Tier.MEMBER.name())), Occur.FILTER)
                    .add(LongPoint.newRangeQuery(Documents.PUBLISHED, fromMillis, Long.MAX_VALUE), Occur.FILTER)
                    .build(), Occur.SHOULD);
        }
        return new ConstantScoreQuery(b.build());
    }

    private static Query filtered(Query text, MaterialQuery query, Instant now, boolean includeUnpublished) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(text == null ? new MatchAllDocsQuery() : text, Occur.MUST);
        if (query.kind() != null) {
            b.add(new TermQuery(new Term(Documents.KIND, query.kind())), Occur.FILTER);
        }
        if (query.topic() != null) {
            b.add(new TermQuery(new Term(Documents.TOPIC, query.topic())), Occur.FILTER);
        }
        if (query.year() != null) {
            b.add(IntPoint.newExactQuery(Documents.YEAR, query.year()), Occur.FILTER);
        }
        if (query.tier() != null) {
            b.add(new TermQuery(new Term(Documents.TIER, query.tier().name())), Occur.FILTER);
        }
        if (!includeUnpublished) {
            b.add(LongPoint.newRangeQuery(Documents.PUBLISHED, Long.MIN_VALUE, now.toEpochMilli()), Occur.FILTER);
        }
        return b.build();
    }

    private static List<ScoreDoc> page(TopFieldDocs docs, MaterialQuery query) {
        ScoreDoc[] all = docs.scoreDocs;
        int from = Math.min(all.length, query.offset());
        return List.of(all).subList(from, Math.min(all.length, from + query.size()));
    }

    private static Instant publishedAt(Document d) {
        var micros = d.getField(Documents.PUBLISHED_MICROS);
        if (micros != null) {
            long value = micros.numericValue().longValue();
            return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
        }
        return Instant.ofEpochMilli(d.getField(Documents.PUBLISHED).numericValue().longValue());
    }

    private static float score(ScoreDoc sd, Sort sort) {
        // Sorted by score first: the score is the first sort value; sorted by date, no score is computed.
        return sort == BEST ? ((Number) ((FieldDoc) sd).fields[0]).floatValue() : 0f;
    }

    private static <T> T read(IndexStore store, IndexStore.Reading<T> reading) {
        try {
            return store.read(reading);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits what has been written and closes both indexes; a rebuild still running is abandoned. */
    @Override
    public void close() throws IOException {
        committer.shutdownNow();
        synchronized (writes) {
            if (rebuilding) {
                try {
                    materials.abandon();
                } finally {
                    passages.abandon();
                }
                return;
            }
        }
        List<Runnable> actions;
        synchronized (writes) {
            try {
                materials.close(); // commits
            } finally {
                passages.close();
            }
            dirty = false;
            actions = drainWhenCommitted();
        }
        runAll(actions);
    }

    private static Map<String, Float> fields(Object... fieldsAndBoosts) {
        Map<String, Float> out = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndBoosts.length; i += 2) {
            out.put((String) fieldsAndBoosts[i], (Float) fieldsAndBoosts[i + 1]);
        }
        return out;
    }
}
