package org.scriptorium.sharing;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
import java.util.stream.LongStream;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.SessionsEnded;
import org.scriptorium.library.Material;
import org.scriptorium.library.MaterialAccess;
import org.scriptorium.library.Materials;
import org.scriptorium.membership.Access;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of this node and the sending to them, whichever port they came in on.
 *
 * <p>Publishing only puts the event on each connection's small queue; a connection's own virtual thread writes it,
 * if its user may be told. Whether a user may be told is decided once per event and user, however many pages they
 * have open. A client that stalls blocks nobody but itself, and once its queue is full it is closed: the browser
 * reconnects and the missed events are replayed from the log.
 */
@Component
class LiveStreams implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);
    private static final Object HEARTBEAT = new Object();
    /** Wakes a new connection's sender to replay what it missed. */
    private static final Object REPLAY = new Object();
    private static final int REPLAY_PAGE = 500;
    private static final int REPLAY_MAX = 5_000;
    /** How long a replayed event may still come by the queue: the dispatcher's poll, or its wait for a late commit. */
    private static final long REPLAY_OVERLAP = Duration.ofMinutes(2).toNanos();

    /**
     * An event on its way to the connections, with its material (null if none) and what each user is sent of it:
     * the JSON, or {@link #NOT_TOLD}.
     */
    private record Delivery(SharingEvent event, Material material, Map<String, String> byUser) {

        static final String NOT_TOLD = "";

        Delivery(SharingEvent event, Material material) {
            this(event, material, new ConcurrentHashMap<>());
        }
    }

    /** One open stream. Kept small: ten thousand of these sit idle most of the time. */
    static final class Connection {
        final String userId;
        /** When the session or token that opened the stream signed in (null: unknown); see {@link LiveStreams#endSessions}. */
        final Instant authenticatedAt;
        final StreamSink sink;
        final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger queued = new AtomicInteger();
        final AtomicBoolean sending = new AtomicBoolean();
        /** The Last-Event-ID to replay after, until the replay has run; then -1. */
        volatile long replayAfter;
        /**
         * The ids the replay read, ascending, so that an event both replayed and queued is written once; null when
         * there was no replay, or once {@link #REPLAY_OVERLAP} has passed. Only ids: a row that committed late, after
         * the replay read past its id, is still written when it comes.
         */
        long[] replayed;
        long replayedAt;
        volatile boolean closed;

        Connection(String userId, Instant authenticatedAt, StreamSink sink, long replayAfter) {
            this.userId = userId;
            this.authenticatedAt = authenticatedAt;
            this.sink = sink;
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
    private final Accounts accounts;
    /** Issue 16: who may read a group; the groups module's, or "nobody" where it is absent. */
    private final GroupGate groups;
    /** Up to when sessions ended on any node have been looked for; see {@link #endSessionsEndedElsewhere}. */
    private Instant sessionsLookedAt;
    private volatile boolean running;

    /** Without groups: a group event is told to nobody (tests of the stream alone). */
    LiveStreams(Viewers viewers, MaterialAccess access, Materials materials, EventLog eventLog, Clock clock,
                SharingProperties properties, Accounts accounts) {
        this(viewers, access, materials, eventLog, clock, properties, accounts, (userId, groupId) -> false);
    }

    @Autowired
    LiveStreams(Viewers viewers, MaterialAccess access, Materials materials, EventLog eventLog, Clock clock,
                SharingProperties properties, Accounts accounts, ObjectProvider<GroupGate> groups) {
        this(viewers, access, materials, eventLog, clock, properties, accounts,
                groups.getIfAvailable(() -> (userId, groupId) -> false));
    }

    private LiveStreams(Viewers viewers, MaterialAccess access, Materials materials, EventLog eventLog, Clock clock,
                        SharingProperties properties, Accounts accounts, GroupGate groups) {
        this.groups = groups;
        this.viewers = viewers;
        this.access = access;
        this.materials = materials;
        this.eventLog = eventLog;
        this.clock = clock;
        this.settings = properties.stream();
        this.accounts = accounts;
        this.sessionsLookedAt = clock.instant();
    }

    /**
     * Opens a stream on the main port, as a servlet response. With {@code lastEventId} the events after it that the
     * user may see are sent first.
     */
    SseEmitter open(String userId, Instant authenticatedAt, Long lastEventId) {
        SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
        Connection connection;
        try {
            // The first write, made in attach, is held by the emitter and flushed by the request's own thread: the
            // response (and its headers) is then committed there, never by a sender racing the header writing.
            connection = attach(userId, authenticatedAt, lastEventId, new EmitterSink(emitter));
        } catch (IOException e) {
            emitter.completeWithError(e);
            return emitter;
        }
        emitter.onCompletion(() -> remove(connection));
        // At the end of its time a stream is simply closed; the browser reconnects with its last event id.
        emitter.onTimeout(() -> {
            remove(connection);
            emitter.complete();
        });
        emitter.onError(e -> remove(connection));
        return emitter;
    }

    /**
     * Adds a stream: writes the reconnection delay at once, on the caller's thread, then queues the replay of what
     * came after {@code lastEventId} (if given). The sink's owner calls {@link #closed} when the client goes.
     *
     * @throws IOException when the first write fails; the stream is then not added
     */
    Connection attach(String userId, Instant authenticatedAt, Long lastEventId, StreamSink sink) throws IOException {
        Connection connection = new Connection(userId, authenticatedAt, sink, lastEventId == null ? -1 : lastEventId);
        connections.add(connection);
        byUser.computeIfAbsent(userId, u -> ConcurrentHashMap.newKeySet()).add(connection);
        try {
            sink.heartbeat(settings.retry());
        } catch (IOException e) {
            remove(connection);
            throw e;
        }
        if (lastEventId != null) {
            offer(connection, REPLAY);
        }
        return connection;
    }

    /** The client of a stream went away (or its time ran out): stop sending to it. */
    void closed(Connection connection) {
        remove(connection);
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

    /**
     * Closes, once the change is committed, the account's streams on this node opened by a session or token signed in
     * at or before {@code before}: a suspension, a role taken away or a password change ends them at once rather than
     * at their idle timeout. A browser whose session goes on reconnects; one whose session ended is refused.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void endSessions(SessionsEnded ended) {
        Set<Connection> own = byUser.get(ended.userId());
        if (own != null) {
            own.stream()
                    .filter(c -> c.authenticatedAt == null || !c.authenticatedAt.isAfter(ended.before()))
                    .forEach(this::close);
        }
    }

    /**
     * Sends a comment down every idle connection: a vanished client shows up as a failed write and is dropped. First
     * closes the streams of sessions that ended on another node since the last beat.
     */
    void heartbeat() {
        endSessionsEndedElsewhere();
        connections.forEach(c -> {
            if (c.queued.get() == 0) {
                offer(c, HEARTBEAT);
            }
        });
    }

    /**
     * The {@link SessionsEnded} event reaches only the node that made the change: every other node finds the accounts
     * whose sessions ended since its last look (one query a beat, none while it holds no stream) and closes their
     * streams as that node did. The look reaches back a minute more than it must, as nodes' clocks differ a little;
     * closing is idempotent, and a stream opened after the sessions ended is not closed.
     */
    private void endSessionsEndedElsewhere() {
        Instant now = clock.instant();
        Instant since = sessionsLookedAt.minus(Duration.ofMinutes(1));
        sessionsLookedAt = now;
        if (connections.isEmpty()) {
            return;
        }
        try {
            accounts.sessionsEndedSince(since).forEach(this::endSessions);
        } catch (RuntimeException e) {
            // A failed look must not stop the heartbeat (a scheduled task that throws is never run again).
            sessionsLookedAt = since.plus(Duration.ofMinutes(1));
            log.warn("could not look for ended sessions: {}", e.toString());
        }
    }

    /** How many streams are open on this node. */
    int count() {
        return connections.size();
    }

    /** How many streams one user has open on this node. */
    int count(String userId) {
        Set<Connection> own = byUser.get(userId);
        return own == null ? 0 : own.size();
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
            connection.sink.heartbeat(settings.retry());
            return;
        }
        Delivery delivery = (Delivery) item;
        SharingEvent event = delivery.event();
        if (connection.replayed != null) {
            if (System.nanoTime() - connection.replayedAt > REPLAY_OVERLAP) {
                connection.replayed = null;
            } else if (Arrays.binarySearch(connection.replayed, event.id()) >= 0) {
                return;
            }
        }
        // Not computeIfAbsent: deciding may read the database, which must not happen under the map's lock. Two pages
        // of one user deciding at once both decide alike; the second answer is dropped.
        String json = delivery.byUser().get(connection.userId);
        if (json == null) {
            json = told(connection.userId, event, delivery.material());
            delivery.byUser().putIfAbsent(connection.userId, json);
        }
        if (!json.equals(Delivery.NOT_TOLD)) {
            connection.sink.event(event.id(), json);
        }
    }

    /** What the user is sent of the event: its JSON, or {@link Delivery#NOT_TOLD}. */
    private String told(String userId, SharingEvent event, Material material) {
        if (event.groupMessage()) {
            // Issue 16: told by the group's rule as it stands when sent (or replayed); a hidden message's text is gone.
            boolean blank = event.type() == SharingEvent.Type.GROUP_MESSAGE && event.payload() == null;
            return !blank && groups.mayRead(userId, event.groupId()) ? event.json(null) : Delivery.NOT_TOLD;
        }
        Viewers.Viewer viewer = viewers.get(userId);
        Access materialAccess = material == null ? null : access.access(material, viewer.reader());
        if (!Audience.tells(event, userId, material, materialAccess, viewer.follows())) {
            return Delivery.NOT_TOLD;
        }
        return event.json(materialAccess == null ? null : materialAccess.full());
    }

    /** Sends what the user missed since the id their browser last saw, in order. */
    private void replay(Connection connection) throws IOException {
        long after = connection.replayAfter;
        connection.replayAfter = -1;
        LongStream.Builder read = LongStream.builder();
        try {
            replayPages(connection, after, read);
        } finally {
            connection.replayed = read.build().toArray();
            connection.replayedAt = System.nanoTime();
        }
    }

    private void replayPages(Connection connection, long after, LongStream.Builder read) throws IOException {
        for (int sent = 0; sent < REPLAY_MAX; sent += REPLAY_PAGE) {
            List<SharingEvent> missed = eventLog.forUserAfter(connection.userId, after, clock.instant(), REPLAY_PAGE);
            Map<String, Material> byId = new HashMap<>();
            List<String> ids = missed.stream().map(SharingEvent::materialId).filter(id -> id != null).distinct().toList();
            if (!ids.isEmpty()) {
                materials.findAll(ids).forEach(m -> byId.put(m.id(), m));
            }
            for (SharingEvent event : missed) {
                String json = told(connection.userId, event,
                        event.materialId() == null ? null : byId.get(event.materialId()));
                read.add(event.id());
                if (!json.equals(Delivery.NOT_TOLD)) {
                    connection.sink.event(event.id(), json);
                }
                after = event.id();
            }
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
                connection.sink.close();
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

    /** A stream on the main port: Spring's emitter over the servlet response. */
    private record EmitterSink(SseEmitter emitter) implements StreamSink {

        @Override
        public void event(long id, String json) throws IOException {
            emitter.send(SseEmitter.event().id(Long.toString(id)).data(json));
        }

        @Override
        public void heartbeat(Duration retry) throws IOException {
            emitter.send(SseEmitter.event().reconnectTime(retry.toMillis()).comment(""));
        }

        @Override
        public void close() {
            emitter.complete();
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every open stream when the node begins to shut down, before the web server's graceful shutdown, which
     * would otherwise wait its full time for streams that never end by themselves. Browsers reconnect elsewhere.
     */
    @Override
    public void stop() {
        running = false;
        connections.forEach(this::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        connections.forEach(this::close);
        senders.shutdown();
    }
}
