package org.scriptorium.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.scriptorium.common.Ids;
import org.scriptorium.library.Material;
import org.scriptorium.library.MaterialEvent;
import org.scriptorium.library.Materials;
import org.scriptorium.library.Revision;
import org.scriptorium.membership.Tier;
import org.scriptorium.tracer.Leak;
import org.scriptorium.tracer.MemberTextIndex;
import org.scriptorium.tracer.TraceResult;
import org.scriptorium.tracer.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The leak guard: every revision of every published material in a {@link MemberTextIndex} (FREE ones so that their
 * text may be quoted), kept in step with the library's events; a text the index holds becomes a
 * {@link ReportKind#LEAK_GUARD} case with the tracer's result on it, in the caller's transaction.
 *
 * <p>The library's events reach only the node that made the change; on several nodes each one also looks every
 * {@code scriptorium.reports.leak-guard.poll} for materials changed since its last look (by any node), so that text
 * published through one node is guarded on all of them within that time.
 */
@Component
class TracingLeakGuard implements LeakGuard, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TracingLeakGuard.class);
    /** How the held text is named in the tracer's notes. */
    private static final String PIECE = "被拦截的消息";
    /** How long a message waits for the first indexing of the library after start-up. */
    static final Duration LOAD_WAIT = Duration.ofSeconds(30);
    /**
     * How far before its last look a node looks again: a change is stamped with its node's clock before its
     * transaction commits, and clocks of nodes may disagree a little.
     */
    static final Duration CHANGE_SLACK = Duration.ofMinutes(2);

    private final MemberTextIndex index = new MemberTextIndex();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final Materials materials;
    private final Tracer tracer;
    private final ReportRepository repository;
    private final CaseViews views;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Duration poll;
    /** The highest revision of each material in the index, so that a change seen twice (event and look) adds once. */
    private final Map<String, Integer> indexedUpTo = new ConcurrentHashMap<>();
    private final ScheduledExecutorService looker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("leak-guard-look").factory());
    /** Changes stamped from this time on are looked for at the next look. */
    private volatile Instant lookFrom;

    TracingLeakGuard(Materials materials, Tracer tracer, ReportRepository repository, CaseViews views, Clock clock,
                     ApplicationEventPublisher events,
                     @Value("${scriptorium.reports.leak-guard.poll:30s}") Duration poll) {
        this.materials = materials;
        this.tracer = tracer;
        this.repository = repository;
        this.views = views;
        this.clock = clock;
        this.events = events;
        this.poll = poll;
    }

    /**
     * Judges the text; when held, opens the case in the caller's transaction (or one of its own). Right after
     * start-up it waits for the library to be indexed, rather than let text through unchecked, but at most
     * {@link #LOAD_WAIT}: the caller holds a database connection meanwhile.
     */
    @Override
    @Transactional
    public Verdict inspect(String authorId, String text, String where) {
        if (text == null || text.isBlank()) {
            return new Verdict.Clear();
        }
        try {
            loaded.get(LOAD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Leak guard: the library is still being indexed; judging with what is indexed so far");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // never completed exceptionally
        }
        MemberTextIndex.Inspection found = index.inspect(text);
        if (!found.held()) {
            return new Verdict.Clear();
        }
        String title = materials.find(found.materialId()).map(Material::title).orElse(found.materialId());
        TraceResult trace = null;
        String note = null;
        try {
            trace = tracer.trace(List.of(new Leak(PIECE, text, List.of())));
        } catch (RuntimeException e) {
            log.error("The tracer failed on a held message", e);
            note = "追踪时出错，请在“追踪泄露”页面粘贴这段文字人工追踪。";
        }
        Instant now = clock.instant();
        String id = Ids.newId();
        String detail = "消息中约 " + found.evidence() + " 字与会员资料《" + title + "》的文字相同，已拦截，未向任何人显示。";
        repository.insert(new ReportRepository.Stored(id, ReportKind.LEAK_GUARD, null, authorId, where, null, text, null,
                detail, trace == null ? null : trace.verdict().name(), views.traceJson(trace), note,
                ReportStatus.PENDING, null, null, null, null, null, null, now));
        events.publishEvent(new SignalRaised(id, ReportKind.LEAK_GUARD, authorId, detail, now));
        return new Verdict.Held(id);
    }

    /**
     * Indexes the library once the application has started, in the background; before the command runners, which
     * may post messages themselves (bench-group).
     */
    @EventListener(ApplicationStartedEvent.class)
    void load() {
        lookFrom = clock.instant();
        Thread.ofVirtual().name("leak-guard-index").start(() -> {
            try {
                long start = System.nanoTime();
                List<String> ids = materials.allIds();
                for (String id : ids) {
                    materials.find(id).ifPresent(this::addAll);
                }
                log.info("Leak guard: {} materials indexed in {} ms", ids.size(), (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                log.error("Leak guard: indexing the library failed; materials are indexed as they change", e);
            } finally {
                loaded.complete(null);
            }
        });
        long millis = Math.max(poll.toMillis(), 200);
        looker.scheduleWithFixedDelay(this::lookQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void lookQuietly() {
        try {
            look();
        } catch (RuntimeException e) {
            log.warn("Leak guard: looking for changes made on other nodes failed; the next look tries again", e);
        }
    }

    /** Brings in every material changed (on any node) since the last look: new revisions, a change of tier. */
    void look() {
        if (!loaded.isDone()) {
            return;
        }
        Instant now = clock.instant();
        for (String id : materials.changedSince(lookFrom.minus(CHANGE_SLACK))) {
            materials.find(id).ifPresent(this::refresh);
        }
        lookFrom = now;
    }

    @Override
    public void destroy() {
        looker.shutdownNow();
    }

    private void refresh(Material material) {
        if (index.contains(material.id())) {
            index.setFree(material.id(), material.tier() == Tier.FREE);
        }
        addAll(material);
    }

    /** Keeps the index in step: new text is added as soon as it is saved; a change of tier frees or binds it. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void changed(MaterialEvent event) {
        try {
            switch (event) {
                case MaterialEvent.Published p -> materials.find(p.materialId()).ifPresent(this::addAll);
                case MaterialEvent.Revised r -> materials.find(r.materialId()).ifPresent(m ->
                        add(m, materials.revision(r.materialId(), r.revision())));
                case MaterialEvent.DetailsChanged d -> materials.find(d.materialId()).ifPresent(this::refresh);
                // withdrawn text was read by members until now: it stays member-only text
                case MaterialEvent.Withdrawn w -> {
                }
            }
        } catch (RuntimeException e) {
            log.error("Leak guard: could not index material {}", event.materialId(), e);
        }
    }

    /** Every revision of a material readers may see (a draft's text has reached no one). */
    private synchronized void addAll(Material material) {
        if (material.draft()) {
            return;
        }
        // oldest first: a revision is added only above the highest one already in
        for (Revision revision : materials.revisions(material.id()).reversed()) {
            add(material, revision);
        }
    }

    private synchronized void add(Material material, Revision revision) {
        if (material.draft() || revision.revision() <= indexedUpTo.getOrDefault(material.id(), 0)) {
            return;
        }
        // copies are made from the parsed paragraphs: index what members received
        String text = String.join("\n", materials.parse(revision).paragraphs());
        index.add(material.id(), material.tier() == Tier.FREE, text);
        indexedUpTo.merge(material.id(), revision.revision(), Math::max);
    }
}
