package org.scriptorium.sharing;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.scriptorium.library.Material;
import org.scriptorium.library.MaterialAccess;
import org.scriptorium.library.Materials;
import org.scriptorium.membership.Access;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of this node and the sending to them.
 *
 * <p>Publishing only puts the event on each connection's small queue; a connection's own virtual thread decides
 * whether its user may be told and writes it. A client that stalls blocks nobody but itself, and once its queue is
 * full it is closed: the browser reconnects and the missed events are replayed from the log.
 */
@Component
class LiveStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);
    private static final Object HEARTBEAT = new Object();
    /** Wakes a new connection's sender to replay what it missed. */
    private static final Object REPLAY = new Object();
    private static final int REPLAY_PAGE = 500;
    private static final int REPLAY_MAX = 5_000;

    /** Something waiting to be written to one connection: an event with its material (null if none), or a heartbeat. */
    private record Delivery(SharingEvent event, Material material) {
    }

    /** One open stream. Kept small: ten thousand of these sit idle most of the time. */
    private static final class Connection {
        final String userId;
        final SseEmitter emitter;
        final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger queued = new AtomicInteger();
        final AtomicBoolean sending = new AtomicBoolean();
        /** The Last-Event-ID to replay after, until the replay has run; then -1. */
        volatile long replayAfter;
        /** The last event id the replay covered, so that an event both replayed and queued is written once. */
        long replayedThrough;
        volatile boolean closed;

        Connection(String userId, SseEmitter emitter, long replayAfter) {
            this.userId = userId;
            this.emitter = emitter;
            this.replayAfter = replayAfter;
        }
    }

    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Viewers viewers;
    private final MaterialAccess access;
    private final Materials materials;
    private final EventLog eventLog;
    private final Clock clock;
    private final SharingProperties.Stream settings;

    LiveStreams(Viewers viewers, MaterialAccess access, Materials materials, EventLog eventLog, Clock clock,
                SharingProperties properties) {
        this.viewers = viewers;
        this.access = access;
        this.materials = materials;
        this.eventLog = eventLog;
        this.clock = clock;
        this.settings = properties.stream();
    }

    /**
     * Opens a stream for a user. With {@code lastEventId} the events after it that the user may see are sent first.
     */
    SseEmitter open(String userId, Long lastEventId) {
        SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
        Connection connection = new Connection(userId, emitter, lastEventId == null ? -1 : lastEventId);
        emitter.onCompletion(() -> remove(connection));
        // At the end of its time a stream is simply closed; the browser reconnects with its last event id.
        emitter.onTimeout(() -> {
            remove(connection);
            emitter.complete();
        });
        emitter.onError(e -> remove(connection));
        connections.add(connection);
        byUser.computeIfAbsent(userId, u -> ConcurrentHashMap.newKeySet()).add(connection);
        // The first write tells the browser how soon to come back. It is made here, before the emitter is returned,
        // so that it is held and flushed by the request's own thread: the response (and its headers) is then
        // committed there, never by a sender racing the request thread's own header writing.
        try {
            emitter.send(SseEmitter.event().reconnectTime(settings.retry().toMillis()).comment(""));
        } catch (IOException e) {
            remove(connection);
            emitter.completeWithError(e);
            return emitter;
        }
        if (lastEventId != null) {
            offer(connection, REPLAY);
        }
        return emitter;
    }

    /** Queues an event for every connection whose user might be told of it; the senders decide and write. */
    void deliver(SharingEvent event, Material material) {
        Delivery delivery = new Delivery(event, material);
        if (event.broadcast()) {
            connections.forEach(c -> offer(c, delivery));
        } else {
            Set<Connection> own = byUser.get(event.recipientId());
            if (own != null) {
                own.forEach(c -> offer(c, delivery));
            }
        }
    }

    /** Sends a comment down every idle connection: a vanished client shows up as a failed write and is dropped. */
    void heartbeat() {
        connections.forEach(c -> {
            if (c.queued.get() == 0) {
                offer(c, HEARTBEAT);
            }
        });
    }

    /** How many streams are open on this node. */
    int count() {
        return connections.size();
    }

    private void offer(Connection connection, Object item) {
        if (connection.closed) {
            return;
        }
        if (connection.queued.incrementAndGet() > settings.queueLimit()) {
            // Too slow to keep up: let it go; it reconnects and replays from its last event id.
            close(connection);
            return;
        }
        connection.queue.add(item);
        if (connection.sending.compareAndSet(false, true)) {
            senders.execute(() -> send(connection));
        }
    }

    private void send(Connection connection) {
        try {
            while (true) {
                if (connection.replayAfter >= 0) {
                    replay(connection);
                }
                Object item;
                while ((item = connection.queue.poll()) != null) {
                    connection.queued.decrementAndGet();
                    if (connection.closed) {
                        return;
                    }
                    write(connection, item);
                }
                connection.sending.set(false);
                // Something may have arrived between the last poll and letting go; if so, carry on.
                if (connection.queue.isEmpty() || !connection.sending.compareAndSet(false, true)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("event stream of {} closed: {}", connection.userId, e.toString());
            close(connection);
        }
    }

    private void write(Connection connection, Object item) throws IOException {
        if (item == REPLAY) {
            return; // the replay itself ran at the top of the sender's loop
        }
        if (item == HEARTBEAT) {
            connection.emitter.send(SseEmitter.event().reconnectTime(settings.retry().toMillis()).comment(""));
            return;
        }
        Delivery delivery = (Delivery) item;
        SharingEvent event = delivery.event();
        if (event.id() <= connection.replayedThrough) {
            return;
        }
        writeIfTold(connection, event, delivery.material());
    }

    private void writeIfTold(Connection connection, SharingEvent event, Material material) throws IOException {
        Viewers.Viewer viewer = viewers.get(connection.userId);
        Access materialAccess = material == null ? null : access.access(material, viewer.reader());
        if (!Audience.tells(event, connection.userId, material, materialAccess, viewer.follows())) {
            return;
        }
        connection.emitter.send(SseEmitter.event().id(Long.toString(event.id()))
                .data(event.json(materialAccess == null ? null : materialAccess.full())));
    }

    /** Sends what the user missed since the id their browser last saw, in order. */
    private void replay(Connection connection) throws IOException {
        long after = connection.replayAfter;
        connection.replayAfter = -1;
        for (int sent = 0; sent < REPLAY_MAX; sent += REPLAY_PAGE) {
            List<SharingEvent> missed = eventLog.forUserAfter(connection.userId, after, clock.instant(), REPLAY_PAGE);
            Map<String, Material> byId = new HashMap<>();
            List<String> ids = missed.stream().map(SharingEvent::materialId).filter(id -> id != null).distinct().toList();
            if (!ids.isEmpty()) {
                materials.findAll(ids).forEach(m -> byId.put(m.id(), m));
            }
            for (SharingEvent event : missed) {
                writeIfTold(connection, event, event.materialId() == null ? null : byId.get(event.materialId()));
                after = event.id();
            }
            connection.replayedThrough = after;
            if (missed.size() < REPLAY_PAGE) {
                return;
            }
        }
    }

    private void close(Connection connection) {
        if (connection.closed) {
            return;
        }
        connection.closed = true;
        remove(connection);
        // Completing may wait for a write stuck on this very connection: never on the caller's thread.
        senders.execute(() -> {
            try {
                connection.emitter.complete();
            } catch (RuntimeException ignored) {
                // already gone
            }
        });
    }

    private void remove(Connection connection) {
        connection.closed = true;
        connections.remove(connection);
        byUser.computeIfPresent(connection.userId, (u, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void destroy() {
        connections.forEach(this::close);
        senders.shutdown();
    }
}
