package org.scriptorium.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.scriptorium.library.ImportOutcome;
import org.scriptorium.library.MaterialDraft;
import org.scriptorium.library.Materials;
import org.scriptorium.storage.StorageFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs batch import jobs in the background, one job and one document at a time, on a virtual thread of its own: a
 * batch of thousands must not take the server's cores from its readers. Each document is imported and its item saved
 * in one transaction, so after a crash a file is either imported with its item or not at all.
 *
 * <p>On several nodes a job is run by one node at a time: the one holding its lease ({@link ImportJobRepository#claim}),
 * renewed in every item's transaction, so a node that stalled past its lease cannot write once another took the job
 * over. A job left RUNNING (a stop, a crash, a node gone) is taken up after its last item: at start-up, and by every
 * node's look every {@code scriptorium.import.batch.poll} once its lease has run out.
 */
@Component
class ImportRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    /** A file name in an archive is no title: at most this much of it goes to the import. */
    private static final int MAX_NAME = 255;

    private final ImportJobRepository jobs;
    private final ArchiveStore store;
    private final Materials materials;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final long maxEntryBytes;
    private final Duration lease;
    private final Duration poll;
    /** This node's lease token: a node that restarts gets a new one, and waits for its old leases to run out. */
    private final String token = Ids.newId();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("batch-import").factory());
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("batch-import-watch").factory());
    /** Jobs queued or running here, so that a job is never run twice at once. */
    private final Set<String> queued = new HashSet<>();

    ImportRunner(ImportJobRepository jobs, ArchiveStore store, Materials materials,
                 PlatformTransactionManager transactions, Clock clock, ImportSettings settings) {
        this.jobs = jobs;
        this.store = store;
        this.materials = materials;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.maxEntryBytes = settings.maxEntryBytes();
        this.lease = settings.lease();
        this.poll = settings.poll();
    }

    /** Queues a job to run after those before it; a job already queued is not queued again. */
    void submit(String jobId) {
        synchronized (queued) {
            if (!queued.add(jobId)) {
                return;
            }
        }
        worker.execute(() -> {
            try {
                run(jobId);
            } catch (RuntimeException e) {
                // Left RUNNING and leased here: taken up after its last item once the lease runs out, here or elsewhere.
                log.error("batch import {} stopped; it resumes after {} (its lease) or at the next start", jobId, lease, e);
            } finally {
                synchronized (queued) {
                    queued.remove(jobId);
                }
            }
        });
    }

    /**
     * Resumes the jobs left RUNNING that no node holds, oldest first, removes stored archives no job needs, and then
     * looks again every {@code poll} for jobs whose node stopped. Only in the web application: a command run beside
     * it (backup, reindex, a benchmark) must not take up its jobs.
     */
    @EventListener(ApplicationReadyEvent.class)
    void resumeAtStart(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext) {
            resumeUnfinished();
            long every = poll.toMillis();
            watch.scheduleWithFixedDelay(this::takeOverAbandoned, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Sweeps archives no RUNNING job names and queues the jobs no node holds; returns how many it queued. */
    int resumeUnfinished() {
        Set<String> kept = new HashSet<>();
        jobs.running().forEach(j -> kept.add(j.archiveKey()));
        try {
            // Only archives older than an hour: one being uploaded right now has no job yet.
            store.sweep(kept, clock.instant().minus(Duration.ofHours(1)));
        } catch (RuntimeException e) {
            log.warn("could not sweep stored import archives", e);
        }
        int queued = takeOverAbandoned();
        if (queued > 0) {
            log.info("resuming {} batch import(s)", queued);
        }
        return queued;
    }

    /** Queues the RUNNING jobs no node holds now (each is claimed when its turn comes); returns how many. */
    int takeOverAbandoned() {
        try {
            List<ImportJobRepository.StoredJob> unheld = jobs.unheld(clock.instant());
            unheld.forEach(j -> submit(j.id()));
            return unheld.size();
        } catch (RuntimeException e) {
            log.warn("could not look for batch imports to take over; looking again in {}", poll, e);
            return 0;
        }
    }

    /** Runs one job to its end, skipping the items already done; does nothing while another node holds it. */
    void run(String jobId) {
        Instant now = clock.instant();
        if (!jobs.claim(jobId, token, now, now.plus(lease))) {
            return; // done, gone, or another node runs it
        }
        ImportJobRepository.StoredJob job = jobs.find(jobId).orElse(null);
        if (job == null) {
            return;
        }
        try {
            runClaimed(job);
        } catch (LeaseLost lost) {
            log.info("batch import {} was taken over by another node; this node stops it here", jobId);
        }
    }

    private void runClaimed(ImportJobRepository.StoredJob job) {
        String jobId = job.id();
        Set<Integer> done = jobs.donePositions(jobId);
        Optional<ArchiveStore.Copy> copy = job.archiveKey() == null ? Optional.empty() : store.copy(job.archiveKey());
        if (copy.isEmpty()) {
            if (done.isEmpty()) {
                holding(jobId, () -> {
                    jobs.insertItem(jobId, ImportItem.failed(0, job.uploadName(), "ARCHIVE_MISSING",
                            "上传的文件已不在服务器上，请重新上传。"));
                    jobs.setTotal(jobId, 1);
                });
            }
            finish(job);
            return;
        }
        Path file = copy.get().file();
        try (ArchiveStore.Copy local = copy.get();
             ImportArchive archive = ImportArchive.open(file, ImportArchive.Limits.of(maxEntryBytes, Files.size(file)))) {
            List<ImportArchive.Listed> listing = archive.listing();
            holding(jobId, () -> jobs.setTotal(jobId, listing.size()));
            for (ImportArchive.Listed item : listing) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // shutting down: the rest is done after the next start
                }
                if (!done.contains(item.position())) {
                    importOne(job, archive, item);
                }
            }
        } catch (Rejected malformed) {
            if (done.isEmpty()) {
                holding(jobId, () -> {
                    jobs.insertItem(jobId, ImportItem.failed(0, job.uploadName(), malformed.code(), malformed.chinese()));
                    jobs.setTotal(jobId, 1);
                });
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not read the stored archive of batch import " + jobId, e);
        }
        finish(job);
    }

    /**
     * Runs the writes in one transaction that first renews this node's lease on the job.
     *
     * @throws LeaseLost when another node took the job over: nothing was written
     */
    private void holding(String jobId, Runnable writes) {
        transaction.executeWithoutResult(status -> {
            if (!jobs.renew(jobId, token, clock.instant().plus(lease))) {
                throw new LeaseLost();
            }
            writes.run();
        });
    }

    private void finish(ImportJobRepository.StoredJob job) {
        if (!jobs.finish(job.id(), token, clock.instant())) {
            throw new LeaseLost();
        }
        if (job.archiveKey() != null) {
            try {
                store.delete(job.archiveKey());
            } catch (RuntimeException e) {
                log.warn("could not delete the archive of batch import {}; the start-up sweep removes it", job.id(), e);
            }
        }
    }

    private void importOne(ImportJobRepository.StoredJob job, ImportArchive archive, ImportArchive.Listed listed) {
        String jobId = job.id();
        int position = listed.position();
        String file = listed.path();
        switch (archive.read(listed)) {
            case ImportArchive.Refused refused -> holding(jobId, () ->
                    jobs.insertItem(jobId, ImportItem.failed(position, file, refused.refusal().code(), refused.refusal().detail())));
            case ImportArchive.Document document -> {
                ImportDetails d = job.details();
                String name = listed.name().length() > MAX_NAME ? listed.name().substring(listed.name().length() - MAX_NAME) : listed.name();
                MaterialDraft draft = new MaterialDraft(null, name, document.content(), d.tier(), d.kind(),
                        d.topics().isEmpty() ? null : d.topics(), d.publishedAt(), null, null);
                try {
                    holding(jobId, () -> {
                        ImportItem item = switch (materials.importUnlessDuplicate(draft, job.editorId())) {
                            case ImportOutcome.Imported imported -> new ImportItem(position, file, ImportItem.Status.IMPORTED,
                                    imported.result().material().id(), null, null);
                            case ImportOutcome.Duplicate duplicate -> new ImportItem(position, file, ImportItem.Status.DUPLICATE,
                                    duplicate.existing().id(), null, null);
                        };
                        jobs.insertItem(jobId, item);
                    });
                } catch (LeaseLost lost) {
                    throw lost;
                } catch (Rejected rejected) {
                    holding(jobId, () -> jobs.insertItem(jobId, ImportItem.failed(position, file, rejected.code(),
                            rejected.chinese())));
                } catch (RuntimeException e) {
                    if (StorageFailures.isStorageFailure(e)) {
                        throw e; // not this document's fault: the job stops and resumes here at the next start
                    }
                    log.error("batch import {}: {} could not be imported", jobId, file, e);
                    holding(jobId, () -> jobs.insertItem(jobId, ImportItem.failed(position, file, "IMPORT_FAILED",
                            "导入时出错，请单独导入此文件查看原因，或联系管理员查看日志。")));
                }
            }
        }
    }

    /** Lets another node take this node's jobs up at once rather than after their leases run out. */
    @Override
    public void destroy() throws InterruptedException {
        watch.shutdownNow();
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        try {
            jobs.release(token);
        } catch (RuntimeException e) {
            log.warn("could not release this node's batch imports; other nodes take them up when their leases run out", e);
        }
    }

    /** Another node holds the job now: this node writes nothing more for it. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }
}
