package org.scriptorium.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.scriptorium.bench.cluster.HaProxy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A live stream read as a browser's {@code EventSource} reads it: when the connection ends it waits the server's
 * {@code retry:} and connects again to the same address, sending the last id it saw as {@code Last-Event-ID}. Keeps
 * every event and, for each connection, the node the proxy said answered it.
 */
final class BrowserStream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One event as received: its id, the {@code materialId} it concerns (or null) and its type. */
    record Event(long id, String materialId, String type) {
    }

    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> nodes = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean closed;
    private volatile long lastId = -1;
    private volatile long retryMillis = 3_000;
    private volatile boolean receiving;
    private volatile boolean held;
    private volatile Stream<String> lines;

    BrowserStream(String url) {
        this.url = url;
        this.reader = Thread.ofVirtual().start(this::run);
    }

    private void run() {
        while (!closed) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
                if (lastId >= 0) {
                    request.header("Last-Event-ID", Long.toString(lastId));
                }
                HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
                nodes.add(response.headers().firstValue(HaProxy.NODE_HEADER).orElse("?") + " " + response.statusCode());
                if (response.statusCode() == 200) {
                    lines = response.body();
                    read(response.body());
                } else {
                    response.body().close();
                }
            } catch (IOException | RuntimeException broken) {
                // the node went away: wait and reconnect, as a browser does
            } catch (InterruptedException e) {
                return;
            }
            receiving = false;
            try {
                Thread.sleep(retryMillis);
                while (held && !closed) {
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Makes the next reconnection wait for {@link #releaseReconnection}: an outage longer than the retry. */
    void holdReconnection() {
        held = true;
    }

    void releaseReconnection() {
        held = false;
    }

    private void read(Stream<String> body) {
        long id = -1;
        StringBuilder data = new StringBuilder();
        for (var it = body.iterator(); it.hasNext() && !closed; ) {
            String line = it.next();
            receiving = true;
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    JsonNode json = JSON.readTree(data.toString());
                    events.add(new Event(id, json.has("materialId") ? json.get("materialId").asString() : null,
                            json.path("type").asString()));
                    lastId = Math.max(lastId, id);
                }
                data.setLength(0);
                id = -1;
            } else if (line.startsWith("id:")) {
                id = Long.parseLong(line.substring(3).strip());
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            } else if (line.startsWith("retry:")) {
                retryMillis = Long.parseLong(line.substring(6).strip());
            }
        }
    }

    /** Waits until the current connection has sent its first line (the stream is registered on its node). */
    boolean awaitReceiving(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!receiving && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return receiving;
    }

    /** Each connection made so far: the node that answered and the status, e.g. {@code node2 200}. */
    List<String> connections() {
        return List.copyOf(nodes);
    }

    /** The node that answered the first connection. */
    String firstNode() {
        return nodes.isEmpty() ? "" : nodes.getFirst().split(" ")[0];
    }

    List<Event> events() {
        return new ArrayList<>(events);
    }

    @Override
    public void close() {
        closed = true;
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
        reader.interrupt();
        http.shutdownNow();
    }
}
