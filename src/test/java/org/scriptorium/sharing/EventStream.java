package org.scriptorium.sharing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of {@code GET /api/v1/events} for tests: reads the stream on a thread of its own and keeps each event.
 * Public for the groups' tests (issue 16).
 */
public final class EventStream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One server-sent event: its id and its data as JSON. */
    public record Event(long id, JsonNode data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Thread reader;
    private volatile Stream<String> lines;
    private volatile int status;
    private volatile String retry;

    private EventStream(String url, String token, Long lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        try {
            HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            status = response.statusCode();
            lines = response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        reader = Thread.ofVirtual().start(this::read);
    }

    /** The main port's stream, with a bearer token. */
    public static EventStream open(int port, String token) {
        return new EventStream("http://127.0.0.1:" + port + "/api/v1/events", token, null);
    }

    public static EventStream resume(int port, String token, long lastEventId) {
        return new EventStream("http://127.0.0.1:" + port + "/api/v1/events", token, lastEventId);
    }

    /** A stream at a full address, such as the stream port's with its ticket; {@code lastEventId} may be null. */
    static EventStream at(String url, Long lastEventId) {
        return new EventStream(url, null, lastEventId);
    }

    int status() {
        return status;
    }

    String retry() {
        return retry;
    }

    private void read() {
        long id = -1;
        StringBuilder data = new StringBuilder();
        try {
            for (var it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, JSON.readTree(data.toString())));
                    }
                    data.setLength(0);
                    id = -1;
                } else if (line.startsWith("id:")) {
                    id = Long.parseLong(line.substring(3).strip());
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.startsWith("retry:")) {
                    retry = line.substring(6).strip();
                } else if (line.startsWith(":")) {
                    synchronized (comments) {
                        comments.add(line);
                    }
                }
            }
        } catch (RuntimeException closed) {
            // the test closed the stream
        }
    }

    /** The next event matching, waiting at most {@code timeout}; null if none came. */
    public Event next(Predicate<Event> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Event e = events.poll(left, TimeUnit.NANOSECONDS);
            if (e != null && matching.test(e)) {
                return e;
            }
        }
    }

    /** The next event about this material, within ten seconds. */
    Event nextAbout(String materialId) throws InterruptedException {
        return next(e -> about(e, materialId), Duration.ofSeconds(10));
    }

    static boolean about(Event e, String materialId) {
        return e.data().has("materialId") && materialId.equals(e.data().get("materialId").asString());
    }

    /** Whether the server ends the stream within {@code timeout} (the reader reaches the end of the body). */
    boolean endsWithin(Duration timeout) throws InterruptedException {
        return reader.join(timeout);
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
        reader.interrupt();
        http.shutdownNow();
    }
}
