package org.scriptorium.search.lucene;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * One on-disk index with its writer and its near-real-time searchers. An unreadable index (corrupt, or written by an
 * incompatible Lucene) is wiped on opening rather than stopping the application; {@link #wasReset()} tells.
 */
final class IndexStore implements Closeable {

    private static final System.Logger LOG = System.getLogger(IndexStore.class.getName());

    /** Work done with a searcher that may read the index. */
    interface Reading<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private final Directory directory;
    private final Analyzer analyzer;
    private final boolean reset;
    private volatile IndexWriter writer;
    private static final Executor SEARCH_THREADS = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), Thread.ofPlatform().name("lucene-search-", 0).daemon().factory());

    private volatile SearcherManager searchers;
    /** Written since the searchers last refreshed. */
    private volatile boolean stale;

    IndexStore(Path path, Analyzer analyzer) throws IOException {
        Files.createDirectories(path);
        this.directory = FSDirectory.open(path);
        this.analyzer = analyzer;
        this.reset = wipeIfUnreadable(directory, path);
        open();
    }

    private static boolean wipeIfUnreadable(Directory directory, Path path) throws IOException {
        try {
            if (DirectoryReader.indexExists(directory)) {
                DirectoryReader.open(directory).close();
            }
            return false;
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException | EOFException
                 | NoSuchFileException | FileNotFoundException e) {
            LOG.log(System.Logger.Level.WARNING, "Search index at " + path + " is unreadable; starting empty: " + e);
            for (String file : directory.listAll()) {
                if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
                    directory.deleteFile(file);
                }
            }
            return true;
        }
    }

    private void open() throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                // Large enough that a rebuild flushes few, big segments; single edits never fill it.
                .setRAMBufferSizeMB(128);
        IndexWriter w = new IndexWriter(directory, config);
        w.commit(); // so that a new, empty index exists on disk and can be opened
        this.writer = w;
        this.searchers = new SearcherManager(w, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                // Segments are searched on every core: one query's latency drops on an otherwise idle machine.
                return new IndexSearcher(reader, SEARCH_THREADS);
            }
        });
    }

    boolean wasReset() {
        return reset;
    }

    IndexWriter writer() {
        return writer;
    }

    <T> T read(Reading<T> reading) throws IOException {
        if (stale) {
            stale = false; // first: a write made during the refresh marks the index stale again
            searchers.maybeRefreshBlocking();
        }
        SearcherManager manager = searchers;
        IndexSearcher searcher = manager.acquire();
        try {
            return reading.apply(searcher);
        } finally {
            manager.release(searcher);
        }
    }

    void commit() throws IOException {
        writer.commit();
    }

    /** Makes every change made so far visible to new searches. */
    void refresh() throws IOException {
        stale = false;
        searchers.maybeRefreshBlocking();
    }

    /**
     * Makes the changes made so far visible to the next search, which refreshes before it reads. Refreshing at every
     * write instead flushed a tiny segment per imported document, and merging them cost more than the import itself.
     */
    void markStale() {
        stale = true;
    }

    /**
     * Opens a new writer when the last one was closed by a failed write (a full disk closes an IndexWriter for
     * good), so that the index takes writes again once the disk has room, without a restart.
     */
    void reopenIfClosed() throws IOException {
        if (!writer.isOpen()) {
            rollback();
        }
    }

    /** Drops every change since the last commit and goes on from that commit. */
    void rollback() throws IOException {
        SearcherManager old = searchers;
        writer.rollback();
        open();
        old.close();
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
            writer.close(); // commits
        } finally {
            directory.close();
        }
    }

    /** Closes without committing what has not been committed. */
    void abandon() throws IOException {
        try {
            searchers.close();
            writer.rollback();
        } finally {
            directory.close();
        }
    }
}
