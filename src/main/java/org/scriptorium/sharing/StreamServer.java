package org.scriptorium.sharing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.Rejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The stream port: an HTTP server of its own, on Netty, that serves {@code GET /api/v1/events} and nothing else, so
 * that ten thousand open pages cost the heap little. The servlet container keeps buffers of tens of kilobytes for
 * every open connection (sized for the long search URLs it must read); here Netty's codec reads the request head,
 * and once the stream is answered the codec is taken out of the connection's pipeline: an idle stream is a Netty
 * channel (on epoll where Netty's native library loads, else NIO), one small handler and the {@link LiveStreams}
 * entry, and one event-loop thread watches them all. Writing is never
 * blocking: what a client does not take at once waits in the channel's outbound buffer, and a client that lets it
 * grow past {@link #PENDING_LIMIT} is closed (its browser reconnects and is replayed what it missed).
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
    /** The request line, and the header lines together, may each take this much (a stream's request needs ~300 bytes). */
    private static final int HEAD_LIMIT = 8 * 1024;
    /** Output a client has not taken before it counts as stalled: a few hundred events. */
    static final int PENDING_LIMIT = 32 * 1024;
    /**
     * The kernel's send buffer per stream, fixed rather than left to grow (to megabytes on a fast link): events are
     * small, and ten thousand streams should not be able to pin gigabytes of kernel memory behind slow readers.
     */
    private static final int SEND_BUFFER = 64 * 1024;
    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Reads go into buffers of this size, one allocator for every connection: Netty's default gives each connection
     * an adaptive allocator of its own (about 130 bytes of heap), to size reads that here are one request head and
     * then, at most, a closing connection's end.
     */
    private static final FixedRecvByteBufAllocator READS = new FixedRecvByteBufAllocator(2048);

    private final LiveStreams streams;
    private final StreamTickets tickets;
    private final Accounts accounts;
    private final SharingProperties.Stream settings;
    private final String address;
    /** Connections accepted and not yet closed, streams and requests still being answered alike. */
    private final AtomicInteger connected = new AtomicInteger();
    /** Handshakes ask the database whether a session still counts: never on the event loop. */
    private volatile ExecutorService handshakes;
    private volatile EventLoopGroup group;
    private volatile boolean running;
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
        // Made anew at each start: a stopped context (a paused test context, say) may be started again. One thread,
        // as events are small and the work per stream is a write. Epoll where Netty's native library loads (Linux on
        // x86-64): an idle connection there is Netty's channel and a file descriptor, without Java's socket channel,
        // its socket adaptor and selection key (about 500 bytes of heap less than on NIO).
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("event-stream-port", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_SNDBUF, SEND_BUFFER)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(PENDING_LIMIT / 2, PENDING_LIMIT))
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, READS)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accept(channel);
                    }
                });
        ChannelFuture bound = bootstrap.bind(address == null || address.isBlank()
                ? new InetSocketAddress(settings.port()) : new InetSocketAddress(address, settings.port()))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot open the stream port " + settings.port()
                    + " (scriptorium.sharing.stream.port; -1 turns it off)", bound.cause());
        }
        group = loop;
        handshakes = Executors.newVirtualThreadPerTaskExecutor();
        port = ((InetSocketAddress) bound.channel().localAddress()).getPort();
        // Should the port ever close by itself, pages rendered from then on use the main port's stream.
        bound.channel().closeFuture().addListener(f -> port = -1);
        running = true;
        log.info("Live event streams served on port {} ({})", port, epoll ? "epoll" : "NIO");
    }

    @Override
    public void stop() {
        running = false;
        port = -1; // pages rendered meanwhile use the main port's stream
        if (handshakes != null) {
            handshakes.shutdownNow();
        }
        // Closes the port and every connection (their streams leave LiveStreams), and waits for it, so that a start
        // that follows opens a fresh port.
        EventLoopGroup loop = group;
        if (loop != null) {
            loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
            group = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Sets up a new connection: Netty's codec reads the request head, then {@link Client} answers it. */
    private void accept(SocketChannel channel) {
        if (connected.incrementAndGet() > settings.maxConnections()) {
            connected.decrementAndGet();
            channel.close(); // full: the browser tries again after its retry delay
            return;
        }
        HttpDecoderConfig head = new HttpDecoderConfig().setMaxInitialLineLength(HEAD_LIMIT).setMaxHeaderSize(HEAD_LIMIT);
        channel.pipeline().addLast(new HttpRequestDecoder(head), new HttpResponseEncoder(), new Client(channel));
    }

    /** What the stream port makes of a request head, in the caller's language when it is a refusal. */
    private sealed interface Answer {
        /** A stream asked for with this ticket, not yet checked (that may read the database: off the event loop). */
        record Ticketed(String ticket, Long lastEventId, boolean english) implements Answer {
        }

        /** A stream for a user whose ticket was good. */
        record Stream(String userId, Instant authenticatedAt, Long lastEventId) implements Answer {
        }

        record Preflight() implements Answer {
        }

        record Refusal(Rejected rejected, boolean english) implements Answer {
        }
    }

    /**
     * What to do with a request head: a stream with a ticket still to check, a preflight, or a refusal. Netty parsed
     * the head; this decides only what this port makes of it.
     */
    private static Answer triage(HttpRequest request) {
        HttpHeaders headers = request.headers();
        boolean english = headers.get(HttpHeaderNames.ACCEPT_LANGUAGE, "").toLowerCase(Locale.ROOT).startsWith("en");
        if (request.decoderResult().isFailure()) {
            return request.decoderResult().cause() instanceof TooLongFrameException
                    ? new Answer.Refusal(new Rejected(431, "REQUEST_TOO_LARGE", "请求头过大。", "The request head is too large."),
                            english)
                    : malformed(english);
        }
        if (request.protocolVersion().majorVersion() != 1 || !request.protocolVersion().protocolName().equals("HTTP")) {
            return malformed(english);
        }
        QueryStringDecoder target;
        String path;
        try {
            target = new QueryStringDecoder(request.uri());
            path = target.path();
        } catch (IllegalArgumentException e) {
            return malformed(english); // a broken %-escape
        }
        if (!path.equals(PATH)) {
            return new Answer.Refusal(Rejected.notFound("NOT_FOUND", "这个端口只提供实时通知。",
                    "This port serves the event stream only."), english);
        }
        if (request.method().equals(HttpMethod.OPTIONS)) {
            return new Answer.Preflight();
        }
        if (!request.method().equals(HttpMethod.GET)) {
            return new Answer.Refusal(new Rejected(405, "METHOD_NOT_ALLOWED", "只支持 GET。", "Only GET is supported."),
                    english);
        }
        return new Answer.Ticketed(first(target, "ticket"),
                lastEventId(headers.get("Last-Event-ID"), first(target, "after")), english);
    }

    private static Answer.Refusal malformed(boolean english) {
        return new Answer.Refusal(new Rejected(400, "BAD_REQUEST", "请求格式有误。", "Malformed request."), english);
    }

    private static String first(QueryStringDecoder target, String name) {
        List<String> values = target.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The event id to replay after: the browser's {@code Last-Event-ID}, else a script's {@code ?after=}. */
    private static Long lastEventId(String header, String after) {
        for (String candidate : new String[]{header, after}) {
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

    /**
     * One connection of the stream port, as the last handler of its pipeline: answers its first request head, then,
     * if that opened a stream, is its {@link StreamSink}. Pipeline events come on the event loop; {@link #event} and
     * {@link #heartbeat} come from {@link LiveStreams}' senders and hand their bytes to the channel, which orders them.
     */
    private final class Client extends ChannelInboundHandlerAdapter implements StreamSink {

        final Channel channel;
        final long openedAt = System.nanoTime();
        /** Closes the connection if its request head is not answered in time; null once answered. Event loop only. */
        private ScheduledFuture<?> headTimeout;
        /** Whether a request head came; whatever comes after it is dropped. Event loop only. */
        private boolean asked;
        /** The stream, once open. Event loop only. */
        private LiveStreams.Connection connection;

        Client(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            // Ten seconds from connecting, however slowly the head trickles in: a client may not hold a connection
            // by never finishing its request.
            headTimeout = ctx.executor().schedule(() -> channel.close(), HEAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            try {
                if (asked || !(message instanceof HttpRequest request)) {
                    return; // a request body, or anything a streaming client still sends: not heeded
                }
                asked = true;
                channel.config().setAutoRead(false); // until the handshake decides
                answer(triage(request));
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        /**
         * Answers the request head, on the event loop: checks a ticket (then answers again with what it found), opens
         * the stream, or answers and closes.
         */
        private void answer(Answer answer) {
            if (!channel.isActive()) {
                return; // gone, or timed out, meanwhile
            }
            switch (answer) {
                case Answer.Ticketed ticketed -> check(ticketed);
                case Answer.Stream stream -> {
                    answered();
                    open(stream);
                }
                case Answer.Preflight preflight -> {
                    answered();
                    HttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
                    response.headers()
                            .set("Access-Control-Allow-Origin", "*")
                            .set("Access-Control-Allow-Methods", "GET")
                            .set("Access-Control-Allow-Headers", "Last-Event-ID, Cache-Control")
                            .set("Access-Control-Max-Age", "86400")
                            .set("Connection", "close");
                    channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                }
                case Answer.Refusal(Rejected rejected, boolean english) -> {
                    answered();
                    refuse(rejected, english);
                }
            }
        }

        private void answered() {
            if (headTimeout != null) {
                headTimeout.cancel(false);
                headTimeout = null;
            }
        }

        /** Checks the ticket, and that its session still counts (a suspension ends it), on a handshake thread. */
        private void check(Answer.Ticketed ticketed) {
            try {
                handshakes.execute(() -> {
                    try {
                        Answer checked = tickets.verify(ticketed.ticket())
                                .filter(h -> accounts.sessionStillValid(h.userId(), h.authenticatedAt()))
                                .<Answer>map(h -> new Answer.Stream(h.userId(), h.authenticatedAt(), ticketed.lastEventId()))
                                .orElseGet(() -> new Answer.Refusal(new Rejected(401, "STREAM_TICKET_INVALID",
                                        "实时通知的凭证无效或已过期，请刷新页面。",
                                        "The stream ticket is invalid or expired; reload the page."), ticketed.english()));
                        channel.eventLoop().execute(() -> answer(checked));
                    } catch (RuntimeException e) {
                        log.debug("stream handshake failed: {}", e.toString());
                        channel.close();
                    }
                });
            } catch (RejectedExecutionException e) {
                channel.close(); // shutting down
            }
        }

        /** Answers with a problem in the caller's language, as the main port's API would, and closes. */
        private void refuse(Rejected rejected, boolean english) {
            String body = "{\"type\":\"about:blank\",\"title\":\"" + rejected.title(english) + "\",\"status\":"
                    + rejected.status() + ",\"detail\":\"" + (english ? rejected.english() : rejected.chinese())
                    + "\",\"code\":\"" + rejected.code() + "\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(rejected.status()), Unpooled.wrappedBuffer(bytes));
            response.headers()
                    .set("Content-Type", "application/problem+json;charset=UTF-8")
                    .setInt("Content-Length", bytes.length)
                    .set("Access-Control-Allow-Origin", "*")
                    .set("Connection", "close");
            channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        /** Sends the stream's head, then hands the connection to {@link LiveStreams}. */
        private void open(Answer.Stream stream) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            // Header names spelt as browsers and the main port spell them (Netty's constants are lower case).
            // No length and no chunking: the body is the stream, ended by closing, as browsers' EventSource expects.
            head.headers()
                    .set("Content-Type", "text/event-stream;charset=UTF-8")
                    .set("Cache-Control", "no-store")
                    .set("X-Accel-Buffering", "no")
                    .set("X-Content-Type-Options", "nosniff")
                    .set("Access-Control-Allow-Origin", "*")
                    .set("Connection", "close");
            channel.write(head);
            // The head is encoded (on this thread, now); from here on frames are bytes as they are. Taking the codec
            // out leaves an idle stream holding only the channel and this handler, not the decoder's buffers.
            channel.pipeline().remove(HttpRequestDecoder.class);
            channel.pipeline().remove(HttpResponseEncoder.class);
            try {
                connection = streams.attach(stream.userId(), stream.authenticatedAt(), stream.lastEventId(), this);
            } catch (IOException e) {
                channel.close();
                return;
            }
            channel.config().setAutoRead(true); // from now on reading only notices the client leaving
        }

        @Override
        public void event(long id, String json) throws IOException {
            write(("id: " + id + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void heartbeat(Duration retry) throws IOException {
            write(("retry: " + retry.toMillis() + "\n:\n\n").getBytes(StandardCharsets.US_ASCII));
        }

        /**
         * Hands the bytes to the channel, unless the client is gone, already has too much waiting for it, or its
         * stream's time is up. The time is looked at here, at least at every heartbeat, rather than by a sweep over
         * the streams, which would need a set of them: an entry more per idle stream.
         */
        private void write(byte[] bytes) throws IOException {
            if (!channel.isActive()) {
                throw new IOException("stream closed");
            }
            if (System.nanoTime() - openedAt > settings.timeout().toNanos()) {
                // Closed by LiveStreams on this failure; the browser reconnects with its last event id.
                throw new IOException("the stream's time is up");
            }
            if (bytes.length > channel.bytesBeforeUnwritable()) {
                throw new IOException("client too slow: " + PENDING_LIMIT + " bytes not taken");
            }
            // A failed write reaches exceptionCaught, which closes the connection.
            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
        }

        @Override
        public void close() {
            channel.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("stream connection failed: {}", cause.toString());
            channel.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connected.decrementAndGet();
            answered();
            if (connection != null) {
                streams.closed(connection);
            }
            ctx.fireChannelInactive();
        }
    }
}
