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
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client side of {@code bench-events}, run as a process of its own (so that its sockets and memory are not
 * counted as the server's): holds many event streams open on one selector thread, a few dozen bytes of state each,
 * and reports when each received the first publication. Stream {@code i} is opened with line {@code i mod n} of the
 * requests file: {@code <port> <path and query> [<bearer token>]}.
 *
 * <p>Protocol on stdout/stdin: prints {@code CONNECTED <open> <failed>} once every stream is open; then reads
 * {@code T0 <epoch micros>} (when a publication was made); prints {@code RESULT <received> <p50 µs> <p99 µs> <max µs>}
 * once every stream received it or after the timeout; then waits for the next {@code T0}, until its input ends.
 */
public final class SseLoadClient {

    private static final byte[] MARKER = "MATERIAL_PUBLISHED".getBytes(StandardCharsets.US_ASCII);
    private static final int IN_FLIGHT = 400;

    /** What one stream needs: how far the marker is matched, whether the answer was 200, when the event came. */
    private static final class Stream {
        final int index;
        int matched;
        boolean answered;
        long receivedAtMicros;

        Stream(int index) {
            this.index = index;
        }
    }

    private SseLoadClient() {
    }

    /** {@code connections requestsFile timeoutSeconds} */
    public static void main(String[] args) throws Exception {
        int total = Integer.parseInt(args[0]);
        List<String[]> requests = Files.readAllLines(Path.of(args[1])).stream().map(l -> l.split(" ")).toList();
        int timeoutSeconds = Integer.parseInt(args[2]);
        Selector selector = Selector.open();
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        Stream[] streams = new Stream[total];
        int opened = 0;
        int answered = 0;
        int failed = 0;
        int received = 0;
        long[] t0 = {-1};
        AtomicBoolean inputEnded = new AtomicBoolean();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon().start(() -> {
            try {
                String line;
                while ((line = stdin.readLine()) != null) {
                    if (line.startsWith("T0 ")) {
                        synchronized (t0) {
                            t0[0] = Long.parseLong(line.substring(3).strip());
                        }
                    }
                }
            } catch (IOException ignored) {
                // parent gone
            }
            inputEnded.set(true);
        });
        boolean announced = false;
        long deadline = Long.MAX_VALUE;
        while (true) {
            while (opened < total && opened - answered - failed < IN_FLIGHT) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(new InetSocketAddress("127.0.0.1",
                        Integer.parseInt(requests.get(opened % requests.size())[0])));
                streams[opened] = new Stream(opened);
                channel.register(selector, SelectionKey.OP_CONNECT, streams[opened]);
                opened++;
            }
            if (!announced && answered + failed == total) {
                System.out.println("CONNECTED " + answered + " " + failed);
                System.out.flush();
                announced = true;
            }
            long start;
            synchronized (t0) {
                start = t0[0];
            }
            if (start > 0 && deadline == Long.MAX_VALUE) {
                deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
            }
            if (announced && (received == answered || System.nanoTime() > deadline) && start > 0) {
                long[] latencies = Arrays.stream(streams).filter(s -> s != null && s.receivedAtMicros > 0)
                        .mapToLong(s -> s.receivedAtMicros - start).sorted().toArray();
                System.out.println("RESULT " + latencies.length + " " + percentile(latencies, 0.50) + " "
                        + percentile(latencies, 0.99) + " " + (latencies.length == 0 ? -1 : latencies[latencies.length - 1]));
                System.out.flush();
                // Ready for the next publication.
                for (Stream stream : streams) {
                    if (stream != null) {
                        stream.receivedAtMicros = 0;
                    }
                }
                received = 0;
                deadline = Long.MAX_VALUE;
                synchronized (t0) {
                    t0[0] = -1;
                }
                continue;
            }
            if (inputEnded.get()) {
                return;
            }
            selector.select(100);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                Stream stream = (Stream) key.attachment();
                SocketChannel channel = (SocketChannel) key.channel();
                try {
                    if (key.isConnectable()) {
                        channel.finishConnect();
                        String[] request = requests.get(stream.index % requests.size());
                        channel.write(ByteBuffer.wrap(("GET " + request[1] + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Accept: text/event-stream\r\n"
                                + (request.length > 2 ? "Authorization: Bearer " + request[2] + "\r\n" : "")
                                + "\r\n").getBytes(StandardCharsets.US_ASCII)));
                        key.interestOps(SelectionKey.OP_READ);
                    } else if (key.isReadable()) {
                        buffer.clear();
                        int n = channel.read(buffer);
                        if (n < 0) {
                            if (!stream.answered) {
                                failed++;
                            }
                            key.cancel();
                            channel.close();
                            continue;
                        }
                        buffer.flip();
                        if (!stream.answered) {
                            stream.answered = true;
                            if (n >= 12 && buffer.get(9) == '2' && buffer.get(10) == '0' && buffer.get(11) == '0') {
                                answered++;
                            } else {
                                failed++;
                                key.cancel();
                                channel.close();
                                continue;
                            }
                        }
                        if (stream.receivedAtMicros == 0 && scan(stream, buffer)) {
                            Instant now = Instant.now();
                            stream.receivedAtMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
                            received++;
                        }
                    }
                } catch (IOException e) {
                    if (!stream.answered) {
                        stream.answered = true;
                        failed++;
                    }
                    key.cancel();
                    channel.close();
                }
            }
        }
    }

    private static boolean scan(Stream stream, ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            byte b = buffer.get();
            if (b == MARKER[stream.matched]) {
                if (++stream.matched == MARKER.length) {
                    stream.matched = 0;
                    return true;
                }
            } else {
                stream.matched = b == MARKER[0] ? 1 : 0;
            }
        }
        return false;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
