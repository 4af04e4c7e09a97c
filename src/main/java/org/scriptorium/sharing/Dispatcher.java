package org.scriptorium.sharing;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 */
@Component
class Dispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int PAGE = 1_000;

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
    private long lastDispatched = -1;
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
            if (lastDispatched < 0) {
                // Started: what was appended before is history (replayed on request), not news.
                lastDispatched = eventLog.lastId();
                lastLook = now;
                return;
            }
            // A publication scheduled for later may also be newer than the last row dispatched: keep it once.
            Map<Long, SharingEvent> due = new java.util.TreeMap<>();
            eventLog.cameDue(lastLook, now).forEach(e -> due.put(e.id(), e));
            List<SharingEvent> fresh;
            do {
                fresh = eventLog.after(lastDispatched, now, PAGE);
                fresh.forEach(e -> due.put(e.id(), e));
                if (!fresh.isEmpty()) {
                    lastDispatched = fresh.getLast().id();
                }
            } while (fresh.size() == PAGE);
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
