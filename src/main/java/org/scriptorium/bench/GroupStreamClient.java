package org.scriptorium.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The client side of {@code bench-group}, run as a process of its own (its sockets and memory are not the server's):
 * holds every member's event stream open on one selector thread, as the group page does, notes when each stream
 * receives each benchmark message (a message's text carries {@code BENCHMSG-<seq>-}), and drops a share of the streams
 * once during the run, reconnecting them after a pause with {@code Last-Event-ID}, as a browser does. A stream the
 * server closes is reconnected at once, the same way. Stream {@code i} is opened with line {@code i} of the requests
 * file: {@code <port> <path and query>}.
 *
 * <p>Protocol: prints {@code CONNECTED <open> <failed>} once every stream answered; reads {@code START <epoch micros>}
 * when posting begins (drops are scheduled from it); reads {@code DONE <sends file>} (lines
 * {@code <seq> <epoch micros sent> <status>}) once posting ended and a grace period passed; prints the results as
 * {@code RESULT <key> <value>} lines and exits.
 */
public final class GroupStreamClient {

    private static final byte[] MARKER = "BENCHMSG-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
    private static final int IN_FLIGHT = 200;

    /** One stream: its parser state, the last event id, and when each message arrived. */
    private static final class Stream {
        final int index;
        final int[] arrivedMicros;
        final int[] copies;
        SocketChannel channel;
        boolean answered;
        boolean everAnswered;
        long lastEventId = -1;
        long pendingId = -1;
        // parser
        boolean lineStart = true;
        int idMatched;
        boolean readingId;
        long id;
        int markerMatched;
        boolean readingSeq;
        int seq;
        int pendingSeq = -1;
        int pendingArrival;
        // reconnects
        long dropAtNanos = Long.MAX_VALUE;
        long reopenAtNanos = Long.MAX_VALUE;
        int plannedDrops;
        int unplannedDrops;
        int outOfOrder;

        Stream(int index, int messages) {
            this.index = index;
            this.arrivedMicros = new int[messages];
            this.copies = new int[messages];
        }
    }

    private GroupStreamClient() {
    }

    /** {@code requestsFile maxMessages dropShare dropSeconds runSeconds} */
    public static void main(String[] args) throws Exception {
        List<String[]> requests = Files.readAllLines(Path.of(args[0])).stream().map(l -> l.split(" ")).toList();
        int messages = Integer.parseInt(args[1]);
        double dropShare = Double.parseDouble(args[2]);
        double dropSeconds = Double.parseDouble(args[3]);
        int runSeconds = Integer.parseInt(args[4]);
        int total = requests.size();
        Selector selector = Selector.open();
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        Stream[] streams = new Stream[total];
        for (int i = 0; i < total; i++) {
            streams[i] = new Stream(i, messages);
        }
        ConcurrentLinkedQueue<String> commands = new ConcurrentLinkedQueue<>();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon().start(() -> {
            try {
                String line;
                while ((line = stdin.readLine()) != null) {
                    commands.add(line);
                    selector.wakeup();
                }
            } catch (IOException ignored) {
                // parent gone
            }
            commands.add("EOF");
            selector.wakeup();
        });

        int opened = 0;
        int answered = 0;
        int failed = 0;
        boolean announced = false;
        long startMicros = 0;
        String sendsFile = null;
        SplittableRandom random = new SplittableRandom(16);
        while (sendsFile == null) {
            while (opened < total && opened - answered - failed < IN_FLIGHT) {
                open(selector, streams[opened], requests.get(opened), false);
                opened++;
            }
            if (!announced && answered + failed == total) {
                System.out.println("CONNECTED " + answered + " " + failed);
                System.out.flush();
                announced = true;
            }
            for (String command; (command = commands.poll()) != null; ) {
                if (command.startsWith("START ")) {
                    startMicros = Long.parseLong(command.substring(6).strip());
                    long startNanos = System.nanoTime() - (nowMicros() - startMicros) * 1_000;
                    // every stream with an index divisible by 1/share drops once, at a random time in the middle of the run
                    int every = dropShare <= 0 ? Integer.MAX_VALUE : (int) Math.round(1 / dropShare);
                    for (Stream s : streams) {
                        if (s.index % every == 0) {
                            double at = runSeconds * (0.15 + 0.7 * random.nextDouble());
                            s.dropAtNanos = startNanos + (long) (at * 1e9);
                        }
                    }
                } else if (command.startsWith("DONE ")) {
                    sendsFile = command.substring(5).strip();
                } else if (command.equals("EOF")) {
                    return;
                }
            }
            long now = System.nanoTime();
            for (Stream s : streams) {
                if (now >= s.dropAtNanos) {
                    s.dropAtNanos = Long.MAX_VALUE;
                    s.plannedDrops++;
                    close(s);
                    s.reopenAtNanos = now + (long) (dropSeconds * 1e9);
                } else if (now >= s.reopenAtNanos) {
                    s.reopenAtNanos = Long.MAX_VALUE;
                    open(selector, s, requests.get(s.index), true);
                }
            }
            selector.select(20);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                Stream stream = (Stream) key.attachment();
                SocketChannel channel = (SocketChannel) key.channel();
                if (channel != stream.channel) {
                    continue;
                }
                try {
                    if (key.isConnectable()) {
                        channel.finishConnect();
                        String[] request = requests.get(stream.index);
                        channel.write(ByteBuffer.wrap(("GET " + request[1] + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Accept: text/event-stream\r\n"
                                + (stream.lastEventId >= 0 ? "Last-Event-ID: " + stream.lastEventId + "\r\n" : "")
                                + "\r\n").getBytes(StandardCharsets.US_ASCII)));
                        key.interestOps(SelectionKey.OP_READ);
                    } else if (key.isReadable()) {
                        buffer.clear();
                        int n = channel.read(buffer);
                        if (n < 0) {
                            throw new IOException("closed by the server");
                        }
                        buffer.flip();
                        if (!stream.answered) {
                            boolean ok = n >= 12 && buffer.get(9) == '2' && buffer.get(10) == '0' && buffer.get(11) == '0';
                            stream.answered = true;
                            if (!stream.everAnswered) {
                                stream.everAnswered = true;
                                if (ok) {
                                    answered++;
                                } else {
                                    failed++;
                                }
                            }
                            if (!ok) {
                                close(stream);
                                continue;
                            }
                            skipHead(buffer);
                        }
                        scan(stream, buffer, startMicros);
                    }
                } catch (IOException e) {
                    close(stream);
                    if (!stream.everAnswered) {
                        stream.everAnswered = true;
                        failed++;
                    } else {
                        // the server ended it (its time was up, or it was too slow): back soon, as a browser is
                        stream.unplannedDrops++;
                        stream.reopenAtNanos = System.nanoTime() + 200_000_000L;
                    }
                }
            }
        }
        report(streams, Files.readAllLines(Path.of(sendsFile)), startMicros);
    }

    private static void open(Selector selector, Stream stream, String[] request, boolean again) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(request[0])));
        stream.channel = channel;
        stream.answered = false;
        stream.lineStart = true;
        stream.idMatched = 0;
        stream.readingId = false;
        stream.markerMatched = 0;
        stream.readingSeq = false;
        stream.pendingSeq = -1;
        stream.pendingId = -1;
        channel.register(selector, SelectionKey.OP_CONNECT, stream);
    }

    private static void close(Stream stream) {
        try {
            if (stream.channel != null) {
                stream.channel.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        stream.channel = null;
    }

    /** Moves past the response head (it comes in the first read: the server writes it alone, before any event). */
    private static void skipHead(ByteBuffer buffer) {
        for (int i = buffer.position(); i + 3 < buffer.limit(); i++) {
            if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n' && buffer.get(i + 2) == '\r' && buffer.get(i + 3) == '\n') {
                buffer.position(i + 4);
                return;
            }
        }
        buffer.position(buffer.limit());
    }

    /**
     * Reads event bytes: an {@code id: } line sets the last event id; a marker in the event's data notes the
     * message's arrival, once per event (its text may appear in several fields).
     */
    private static void scan(Stream s, ByteBuffer buffer, long startMicros) {
        while (buffer.hasRemaining()) {
            byte b = buffer.get();
            if (s.readingId) {
                if (b >= '0' && b <= '9') {
                    s.id = s.id * 10 + (b - '0');
                    continue;
                }
                s.readingId = false;
                s.pendingId = s.id; // the last event id once this event is whole, as EventSource keeps it

            }
            if (s.readingSeq) {
                if (b >= '0' && b <= '9') {
                    s.seq = s.seq * 10 + (b - '0');
                    continue;
                }
                s.readingSeq = false;
                if (s.seq < s.copies.length && s.pendingSeq < 0) {
                    // first sighting in this event; it counts once the event is whole, as EventSource dispatches it
                    s.pendingSeq = s.seq;
                    s.pendingArrival = (int) (nowMicros() - startMicros);
                }
            }
            if (b == '\n') {
                if (s.lineStart) {
                    // a blank line ends an event: its message arrived, and the next marker is a new arrival
                    if (s.pendingSeq >= 0) {
                        if (s.copies[s.pendingSeq]++ == 0) {
                            s.arrivedMicros[s.pendingSeq] = s.pendingArrival;
                        }
                        s.pendingSeq = -1;
                    }
                    if (s.pendingId >= 0) {
                        if (s.pendingId < s.lastEventId) {
                            s.outOfOrder++; // a reconnect now would ask for events after the higher one
                        }
                        s.lastEventId = s.pendingId;
                        s.pendingId = -1;
                    }
                }
                s.lineStart = true;
                s.idMatched = 0;
                continue;
            }
            s.lineStart = false;
            if (s.idMatched >= 0 && b == ID[s.idMatched]) {
                if (++s.idMatched == ID.length) {
                    s.readingId = true;
                    s.id = 0;
                    s.idMatched = -1;
                }
            } else {
                s.idMatched = -1; // not an id line
            }
            if (b == MARKER[s.markerMatched]) {
                if (++s.markerMatched == MARKER.length) {
                    s.markerMatched = 0;
                    s.readingSeq = true;
                    s.seq = 0;
                }
            } else {
                s.markerMatched = b == MARKER[0] ? 1 : 0;
            }
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** Latency of every arrival, and per stream what was lost or duplicated among the messages the server took. */
    private static void report(Stream[] streams, List<String> sends, long startMicros) {
        List<long[]> accepted = new ArrayList<>();
        for (String line : sends) {
            String[] f = line.split(" ");
            if (f[2].equals("201")) {
                accepted.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]) - startMicros});
            }
        }
        long[] latencies = new long[streams.length * accepted.size()];
        long[] steady = new long[latencies.length];
        int n = 0;
        int m = 0;
        long lost = 0;
        long duplicated = 0;
        int streamsLosing = 0;
        int streamsDuplicating = 0;
        int dropped = 0;
        long droppedLost = 0;
        long droppedDuplicated = 0;
        int unplanned = 0;
        int answered = 0;
        long outOfOrder = 0;
        for (Stream s : streams) {
            if (!s.everAnswered) {
                continue;
            }
            answered++;
            long ownLost = 0;
            long ownDuplicated = 0;
            for (long[] message : accepted) {
                int seq = (int) message[0];
                if (s.copies[seq] == 0) {
                    ownLost++;
                } else {
                    latencies[n++] = s.arrivedMicros[seq] - message[1];
                    if (s.plannedDrops == 0 && s.unplannedDrops == 0) {
                        steady[m++] = latencies[n - 1];
                    }
                    ownDuplicated += s.copies[seq] - 1;
                }
            }
            lost += ownLost;
            duplicated += ownDuplicated;
            streamsLosing += ownLost > 0 ? 1 : 0;
            streamsDuplicating += ownDuplicated > 0 ? 1 : 0;
            unplanned += s.unplannedDrops;
            outOfOrder += s.outOfOrder;
            if (s.plannedDrops > 0) {
                dropped++;
                droppedLost += ownLost;
                droppedDuplicated += ownDuplicated;
            }
        }
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        System.out.println("RESULT streams " + answered);
        System.out.println("RESULT accepted " + accepted.size());
        System.out.println("RESULT deliveries " + n);
        System.out.println("RESULT p50 " + percentile(sorted, 0.50));
        System.out.println("RESULT p95 " + percentile(sorted, 0.95));
        System.out.println("RESULT p99 " + percentile(sorted, 0.99));
        System.out.println("RESULT max " + (n == 0 ? -1 : sorted[n - 1]));
        // per message, over the streams that never dropped: when the first and the last of them had it (before the
        // fan-out, or in it?)
        long[] first = new long[accepted.size()];
        long[] last = new long[accepted.size()];
        for (int k = 0; k < accepted.size(); k++) {
            int seq = (int) accepted.get(k)[0];
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (Stream s : streams) {
                if (s.everAnswered && s.plannedDrops == 0 && s.unplannedDrops == 0 && s.copies[seq] > 0) {
                    lo = Math.min(lo, s.arrivedMicros[seq] - accepted.get(k)[1]);
                    hi = Math.max(hi, s.arrivedMicros[seq] - accepted.get(k)[1]);
                }
            }
            first[k] = lo;
            last[k] = hi;
        }
        // none when every stream dropped at least once
        first = Arrays.stream(first).filter(v -> v != Long.MAX_VALUE).sorted().toArray();
        last = Arrays.stream(last).filter(v -> v != Long.MIN_VALUE).sorted().toArray();
        System.out.println("RESULT firstP50 " + percentile(first, 0.50));
        System.out.println("RESULT firstP99 " + percentile(first, 0.99));
        System.out.println("RESULT lastP50 " + percentile(last, 0.50));
        System.out.println("RESULT lastP99 " + percentile(last, 0.99));
        long[] steadySorted = Arrays.copyOf(steady, m);
        Arrays.sort(steadySorted);
        System.out.println("RESULT steadyP99 " + percentile(steadySorted, 0.99));
        System.out.println("RESULT steadyMax " + (m == 0 ? -1 : steadySorted[m - 1]));
        System.out.println("RESULT lost " + lost);
        System.out.println("RESULT duplicated " + duplicated);
        System.out.println("RESULT streamsLosing " + streamsLosing);
        System.out.println("RESULT streamsDuplicating " + streamsDuplicating);
        System.out.println("RESULT dropped " + dropped);
        System.out.println("RESULT droppedLost " + droppedLost);
        System.out.println("RESULT droppedDuplicated " + droppedDuplicated);
        System.out.println("RESULT unplannedReconnects " + unplanned);
        System.out.println("RESULT outOfOrder " + outOfOrder);
        System.out.println("RESULT END");
        System.out.flush();
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
