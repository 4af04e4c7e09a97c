package org.scriptorium.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.scriptorium.library.Material;
import org.scriptorium.library.Materials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On each node, reads what was appended to the event log since it last looked and hands it to this node's open
 * streams, and publications to the webhooks. It looks when the bus announces new rows, and also every few seconds by
 * itself: that is when a publication scheduled for later comes due, and it covers an announcement lost between nodes.
 *
 * <p>A row whose transaction commits after one holding a higher id was read is still dispatched: the ids passed over
 * are looked for again at each look for a minute ({@link HighWaterMark}). Each row is dispatched once.
 */
@Component
class Dispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int PAGE = 1_000;
    /** Far longer than a transaction that appends events; a hole older than this is a rollback or a skipped id. */
    private static final Duration GAP_GRACE = Duration.ofSeconds(60);
    /** Bounds the memory and the size of the query for ids passed over. */
    private static final int MAX_GAPS = 4_096;

    private final EventLog eventLog;
    private final LiveStreams streams;
    private final Materials materials;
    private final Webhooks webhooks;
    private final AtomFeed feed;
    private final Viewers viewers;
    private final EventBus bus;
    private final Clock clock;
    private final SharingProperties.Stream settings;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("events-dispatch").factory());
    private final AtomicBoolean pending = new AtomicBoolean();
    /** Null until the first look. */
    private HighWaterMark read;
    private Instant lastLook;

    Dispatcher(EventLog eventLog, LiveStreams streams, Materials materials, Webhooks webhooks, AtomFeed feed,
               Viewers viewers, EventBus bus, Clock clock, SharingProperties properties) {
        this.eventLog = eventLog;
        this.streams = streams;
        this.materials = materials;
        this.webhooks = webhooks;
        this.feed = feed;
        this.viewers = viewers;
        this.bus = bus;
        this.clock = clock;
        this.settings = properties.stream();
    }

    /** Once the context is up, before command runners (a benchmark publishes from one). */
    @EventListener(ApplicationStartedEvent.class)
    void start() {
        bus.subscribe(this::look);
        long poll = settings.poll().toMillis();
        worker.scheduleWithFixedDelay(this::look, poll, poll, TimeUnit.MILLISECONDS);
        long beat = settings.heartbeat().toMillis();
        worker.scheduleWithFixedDelay(() -> {
            streams.heartbeat();
            viewers.prune();
        }, beat, beat, TimeUnit.MILLISECONDS);
        look();
    }

    /** Looks in the log soon, on the dispatch thread; several calls meanwhile make one look. */
    void look() {
        if (pending.compareAndSet(false, true)) {
            worker.execute(this::dispatch);
        }
    }

    private void dispatch() {
        pending.set(false);
        try {
            Instant now = clock.instant();
            if (read == null) {
                // Started: what was appended before is history (replayed on request), not news.
                read = new HighWaterMark(eventLog.lastId(), GAP_GRACE, MAX_GAPS);
                lastLook = now;
                return;
            }
            // A row may come from more than one of these reads (a scheduled publication that came due is also newer
            // than the mark, or a gap): keyed by id, it is kept once.
            Map<Long, SharingEvent> due = new TreeMap<>();
            eventLog.cameDue(lastLook, now).forEach(e -> due.put(e.id(), e));
            eventLog.byIds(read.awaited(now), now).forEach(e -> due.put(e.id(), e));
            long cursor = read.mark();
            List<SharingEvent> fresh;
            do {
                fresh = eventLog.after(cursor, now, PAGE);
                fresh.forEach(e -> due.put(e.id(), e));
                if (!fresh.isEmpty()) {
                    cursor = fresh.getLast().id();
                }
            } while (fresh.size() == PAGE);
            // In id order, so that what the mark passes over on its way up is exactly what was not read.
            due.keySet().forEach(id -> read.seen(id, now));
            lastLook = now;
            if (due.isEmpty()) {
                return;
            }
            Map<String, Material> byId = new HashMap<>();
            List<String> ids = due.values().stream().map(SharingEvent::materialId).filter(id -> id != null).distinct().toList();
            if (!ids.isEmpty()) {
                materials.findAll(ids).forEach(m -> byId.put(m.id(), m));
            }
            boolean publication = false;
            for (SharingEvent event : due.values()) {
                Material material = event.materialId() == null ? null : byId.get(event.materialId());
                streams.deliver(event, material);
                if (event.broadcast() && material != null) {
                    publication = true;
                    webhooks.relay(event, material);
                }
            }
            if (publication) {
                feed.changed();
            }
        } catch (RuntimeException e) {
            log.warn("dispatching events failed; trying again at the next look", e);
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
