package org.scriptorium.sharing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.Rejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The stream port: a small HTTP server of its own that serves {@code GET /api/v1/events} and nothing else, so that
 * ten thousand open pages cost the heap little. The servlet container keeps buffers of tens of kilobytes for every
 * open connection (sized for the long search URLs it must read); here an idle stream is a socket, a selection key
 * and a few small objects, and one selector thread watches them all. Writing is never blocking: what a client does
 * not take at once waits in a buffer of its own, and a client that lets it grow past {@link #PENDING_LIMIT} is
 * closed (its browser reconnects and is replayed what it missed).
 *
 * <p>Browsers reach it with a ticket from {@link StreamTickets} in the URL, issued by the main port to the signed-in
 * page ({@code GET /api/v1/events/ticket}); scripts may keep using the main port's {@code /api/v1/events} with their
 * token. It speaks plain HTTP/1.1: behind HTTPS, an operator routes a path of the site to it (see
 * {@code scriptorium.sharing.stream.url}); without that, an HTTPS page uses the main port's stream.
 */
@Component
public class StreamServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamServer.class);
    private static final String PATH = "/api/v1/events";
    private static final int HEAD_LIMIT = 8 * 1024;
    /** Output a client has not taken before it counts as stalled: a few hundred events. */
    static final int PENDING_LIMIT = 32 * 1024;
    /**
     * The kernel's send buffer per stream, fixed rather than left to grow (to megabytes on a fast link): events are
     * small, and ten thousand streams should not be able to pin gigabytes of kernel memory behind slow readers.
     */
    private static final int SEND_BUFFER = 64 * 1024;
    private static final long HANDSHAKE_NANOS = Duration.ofSeconds(10).toNanos();
    private static final byte[] STREAM_HEAD = ("""
            HTTP/1.1 200 OK\r
            Content-Type: text/event-stream;charset=UTF-8\r
            Cache-Control: no-store\r
            X-Accel-Buffering: no\r
            X-Content-Type-Options: nosniff\r
            Access-Control-Allow-Origin: *\r
            Connection: close\r
            \r
            """).getBytes(StandardCharsets.US_ASCII);

    private final LiveStreams streams;
    private final StreamTickets tickets;
    private final Accounts accounts;
    private final SharingProperties.Stream settings;
    private final String address;
    /** Handshakes ask the database whether a session still counts: never on the selector thread. */
    private volatile ExecutorService handshakes;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(16 * 1024);
    /**
     * Connections in the order they came, until their request head is answered (or ten seconds pass): the sweep each
     * second looks only at the front instead of walking ten thousand keys. Selector thread only.
     */
    private final ArrayDeque<Client> handshaking = new ArrayDeque<>();
    private volatile Selector selector;
    private volatile ServerSocketChannel server;
    private volatile boolean running;
    private volatile Thread loopThread;
    private volatile int port = -1;

    @Autowired
    StreamServer(LiveStreams streams, StreamTickets tickets, Accounts accounts, SharingProperties properties,
                 Environment environment) {
        this(streams, tickets, accounts, properties, environment.getProperty("server.address", ""));
    }

    /**
     * @param mainAddress the main port's listen address ({@code server.address}): without an address of its own, the
     *                    stream port listens where the main port does, so a site kept behind a proxy on 127.0.0.1
     *                    does not open a public port by surprise
     */
    StreamServer(LiveStreams streams, StreamTickets tickets, Accounts accounts, SharingProperties properties,
                 String mainAddress) {
        this.streams = streams;
        this.tickets = tickets;
        this.accounts = accounts;
        this.settings = properties.stream();
        this.address = settings.address().isBlank() ? mainAddress : settings.address();
    }

    /** The port streams are served on, or -1 when the stream port is off. */
    public int port() {
        return port;
    }

    /**
     * Where a page served at {@code host} may connect for its stream, as a Content-Security-Policy
     * {@code connect-src} source: exactly the origin (scheme, host, port) of the address {@link #urlFor} gives the
     * same page; empty when that page streams from the main port (or the host is not a plain host name).
     */
    public String connectSource(String host, boolean secure) {
        if (!settings.url().isBlank()) {
            URI uri = URI.create(settings.url());
            return uri.getScheme() + "://" + uri.getAuthority();
        }
        if (port < 0 || secure || host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")) {
            return "";
        }
        return "http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The stream address for a page the user is reading at {@code host} (as the browser named it), or empty when
     * the page should use the main port's stream: the stream port is off, or the page came over HTTPS and the
     * operator configured no HTTPS address for the stream port (the browser would refuse plain HTTP).
     */
    Optional<String> urlFor(String userId, Instant authenticatedAt, String host, boolean secure) {
        if (!settings.url().isBlank()) {
            return Optional.of(settings.url() + (settings.url().contains("?") ? "&" : "?") + ticket(userId, authenticatedAt));
        }
        if (port < 0 || secure || host == null || host.isBlank()) {
            return Optional.empty();
        }
        String bare = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return Optional.of("http://" + bare + ":" + port + PATH + "?" + ticket(userId, authenticatedAt));
    }

    private String ticket(String userId, Instant authenticatedAt) {
        return "ticket=" + tickets.issue(userId, authenticatedAt);
    }

    @Override
    public void start() {
        if (settings.port() < 0) {
            return;
        }
        try {
            selector = Selector.open();
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address == null || address.isBlank() ? new InetSocketAddress(settings.port())
                    : new InetSocketAddress(address, settings.port()), 1024);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the stream port " + settings.port()
                    + " (scriptorium.sharing.stream.port; -1 turns it off)", e);
        }
        // Made anew at each start: a stopped context (a paused test context, say) may be started again.
        handshakes = Executors.newVirtualThreadPerTaskExecutor();
        running = true;
        loopThread = Thread.ofPlatform().daemon().name("event-stream-port").start(this::loop);
        log.info("Live event streams served on port {}", port);
    }

    @Override
    public void stop() {
        running = false;
        port = -1; // pages rendered meanwhile use the main port's stream
        Selector current = selector;
        if (current != null) {
            current.wakeup();
        }
        if (handshakes != null) {
            handshakes.shutdownNow();
        }
        // Wait for the loop to let go of its selector and sockets, so that a start that follows opens fresh ones.
        Thread loop = loopThread;
        if (loop != null) {
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        long lastSweep = System.nanoTime();
        long lastExpiry = lastSweep;
        try {
            while (running) {
                selector.select(1_000);
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (now - lastSweep > 1_000_000_000L) {
                    sweep();
                    lastSweep = now;
                }
                if (now - lastExpiry > 30_000_000_000L) {
                    expire();
                    lastExpiry = now;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.error("the stream port stopped; pages stream from the main port", e);
        } finally {
            port = -1;
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() instanceof Client client) {
                    client.close();
                }
            }
            handshaking.clear();
            try {
                server.close();
                selector.close();
            } catch (IOException ignored) {
                // shutting down
            }
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
            return;
        }
        Client client = (Client) key.attachment();
        try {
            if (key.isWritable()) {
                client.flush();
            }
            if (key.isValid() && key.isReadable()) {
                read(client);
            }
        } catch (IOException | RuntimeException e) {
            client.close();
        }
    }

    private void accept() {
        SocketChannel channel;
        try {
            while ((channel = server.accept()) != null) {
                if (selector.keys().size() > settings.maxConnections()) {
                    channel.close(); // full: the browser tries again after its retry delay
                    continue;
                }
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER);
                Client client = new Client(channel);
                client.key = channel.register(selector, SelectionKey.OP_READ, client);
                handshaking.add(client);
            }
        } catch (IOException e) {
            log.debug("accepting a stream connection failed: {}", e.toString());
        }
    }

    private void read(Client client) throws IOException {
        readBuffer.clear();
        int n = client.channel.read(readBuffer);
        if (n < 0) {
            client.close();
            return;
        }
        readBuffer.flip();
        if (client.head == null) {
            return; // streaming: a client has nothing more to say; what it sends anyway is dropped
        }
        if (client.headLength + n > HEAD_LIMIT) {
            client.head = null;
            client.refuse(new Rejected(431, "REQUEST_TOO_LARGE", "请求头过大。", "The request head is too large."), null);
            return;
        }
        if (client.headLength + n > client.head.length) {
            client.head = Arrays.copyOf(client.head, Math.min(HEAD_LIMIT, Math.max(client.head.length * 2,
                    client.headLength + n)));
        }
        readBuffer.get(client.head, client.headLength, n);
        client.headLength += n;
        int end = headEnd(client.head, client.headLength);
        if (end < 0) {
            return;
        }
        String head = new String(client.head, 0, end, StandardCharsets.ISO_8859_1);
        client.head = null;
        client.key.interestOps(0); // until the handshake decides
        handshakes.execute(() -> handshake(client, head));
    }

    /** Closes connections whose request head did not come, or was not answered, within ten seconds. */
    private void sweep() {
        long now = System.nanoTime();
        Client oldest;
        while ((oldest = handshaking.peek()) != null
                && (oldest.connection != null || oldest.isClosed() || now - oldest.openedAt > HANDSHAKE_NANOS)) {
            handshaking.poll();
            if (oldest.connection == null) {
                oldest.close();
            }
        }
    }

    /** Closes streams past their time (their browsers reconnect with their last event id). */
    private void expire() {
        long now = System.nanoTime();
        long timeout = settings.timeout().toNanos();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Client client && client.connection != null && now - client.openedAt > timeout) {
                client.close();
            }
        }
    }

    /** Answers one request head: an event stream, a CORS preflight, or a refusal. */
    private void handshake(Client client, String head) {
        try {
            Request request = Request.parse(head);
            if (request == null) {
                client.refuse(new Rejected(400, "BAD_REQUEST", "请求格式有误。", "Malformed request."), null);
            } else if (!request.path().equals(PATH)) {
                client.refuse(Rejected.notFound("NOT_FOUND", "这个端口只提供实时通知。",
                        "This port serves the event stream only."), request);
            } else if (request.method().equals("OPTIONS")) {
                client.writeAndClose(("HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: *\r\n"
                        + "Access-Control-Allow-Methods: GET\r\nAccess-Control-Allow-Headers: Last-Event-ID, Cache-Control\r\n"
                        + "Access-Control-Max-Age: 86400\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            } else if (!request.method().equals("GET")) {
                client.refuse(new Rejected(405, "METHOD_NOT_ALLOWED", "只支持 GET。", "Only GET is supported."), request);
            } else {
                Optional<StreamTickets.Holder> holder = tickets.verify(request.query("ticket"))
                        .filter(h -> accounts.sessionStillValid(h.userId(), h.authenticatedAt()));
                if (holder.isEmpty()) {
                    client.refuse(new Rejected(401, "STREAM_TICKET_INVALID", "实时通知的凭证无效或已过期，请刷新页面。",
                            "The stream ticket is invalid or expired; reload the page."), request);
                    return;
                }
                client.write(STREAM_HEAD);
                client.connection = streams.attach(holder.get().userId(), holder.get().authenticatedAt(),
                        request.lastEventId(), client);
                if (client.isClosed()) {
                    streams.closed(client.connection); // went away during the handshake
                    return;
                }
                client.startStreaming();
            }
        } catch (IOException | RuntimeException e) {
            log.debug("stream handshake failed: {}", e.toString());
            client.close();
        }
    }

    /** The end of the request head (after its blank line), or -1 while it has not all arrived. */
    private static int headEnd(byte[] bytes, int length) {
        for (int i = 3; i < length; i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** What this server reads of a request: method, path, query, and the two headers it heeds. */
    record Request(String method, String path, String rawQuery, String lastEventIdHeader, boolean english) {

        static Request parse(String head) {
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
                return null;
            }
            String target = requestLine[1];
            int q = target.indexOf('?');
            String lastEventId = null;
            boolean english = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).strip();
                if (name.equals("last-event-id")) {
                    lastEventId = value;
                } else if (name.equals("accept-language")) {
                    english = value.toLowerCase(Locale.ROOT).startsWith("en");
                }
            }
            return new Request(requestLine[0], q < 0 ? target : target.substring(0, q),
                    q < 0 ? "" : target.substring(q + 1), lastEventId, english);
        }

        /** A query parameter's decoded value, or null. */
        String query(String name) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        /** The event id to replay after: the browser's {@code Last-Event-ID}, else a script's {@code ?after=}. */
        Long lastEventId() {
            for (String candidate : new String[]{lastEventIdHeader, query("after")}) {
                if (candidate != null && !candidate.isBlank()) {
                    try {
                        return Long.parseLong(candidate.strip());
                    } catch (NumberFormatException ignored) {
                        // not one of ours: try the next, else start from now
                    }
                }
            }
            return null;
        }
    }

    /**
     * One connection of the stream port: while its request head is read, the bytes so far; then a stream. Writes
     * come from senders and the handshake, flushing from the selector thread; the object's lock orders them.
     */
    private final class Client implements StreamSink {

        final SocketChannel channel;
        final long openedAt = System.nanoTime();
        SelectionKey key;
        byte[] head = new byte[1024];
        int headLength;
        volatile LiveStreams.Connection connection;
        private ByteBuffer pending;
        private boolean streaming;
        private boolean closeWhenFlushed;
        private boolean closed;

        Client(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void event(long id, String json) throws IOException {
            write(("id: " + id + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void heartbeat(Duration retry) throws IOException {
            write(("retry: " + retry.toMillis() + "\n:\n\n").getBytes(StandardCharsets.US_ASCII));
        }

        /** Writes what the socket takes now and keeps the rest for the selector to flush. */
        synchronized void write(byte[] bytes) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (pending != null) {
                if (pending.remaining() + bytes.length > PENDING_LIMIT) {
                    throw new IOException("client too slow: " + PENDING_LIMIT + " bytes not taken");
                }
                ByteBuffer grown = ByteBuffer.allocate(pending.remaining() + bytes.length);
                pending = grown.put(pending).put(bytes).flip();
                return;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            channel.write(buffer);
            if (buffer.hasRemaining()) {
                pending = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
                if (streaming) {
                    key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                    selector.wakeup();
                }
            }
        }

        /** Called on the selector thread when the socket takes more. */
        synchronized void flush() throws IOException {
            if (pending != null) {
                channel.write(pending);
                if (pending.hasRemaining()) {
                    return;
                }
                pending = null;
            }
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
            if (closeWhenFlushed) {
                close();
            }
        }

        /** From now on the selector watches for the client leaving, and flushes what it has not taken. */
        synchronized void startStreaming() {
            streaming = true;
            key.interestOps(SelectionKey.OP_READ | (pending == null ? 0 : SelectionKey.OP_WRITE));
            selector.wakeup();
        }

        synchronized void writeAndClose(byte[] bytes) throws IOException {
            write(bytes);
            if (pending == null) {
                close();
            } else {
                closeWhenFlushed = true;
                key.interestOps(SelectionKey.OP_WRITE);
                selector.wakeup();
            }
        }

        /** Answers with a problem in the caller's language, as the main port's API would, and closes. */
        void refuse(Rejected rejected, Request request) throws IOException {
            boolean en = request != null && request.english();
            String body = "{\"type\":\"about:blank\",\"title\":\"" + rejected.title(en) + "\",\"status\":"
                    + rejected.status() + ",\"detail\":\"" + (en ? rejected.english() : rejected.chinese())
                    + "\",\"code\":\"" + rejected.code() + "\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            writeAndClose(("HTTP/1.1 " + rejected.status() + " "
                    + HttpStatus.valueOf(rejected.status()).getReasonPhrase() + "\r\n"
                    + "Content-Type: application/problem+json;charset=UTF-8\r\nContent-Length: " + bytes.length
                    + "\r\nAccess-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
        }

        synchronized boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            LiveStreams.Connection open;
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                pending = null;
                open = connection;
            }
            if (key != null) {
                key.cancel();
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // gone already
            }
            if (open != null) {
                streams.closed(open);
            }
        }
    }
}
