package org.scriptorium.cluster;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** An operator's webhook endpoint for the test: answers 200 to every POST and keeps each event id it was sent. */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<Long> eventIds = new CopyOnWriteArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String event = exchange.getRequestHeaders().getFirst("X-Scriptorium-Event");
            if (event != null) {
                eventIds.add(Long.parseLong(event));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Every event id received, once per delivery, in the order they came. */
    List<Long> eventIds() {
        return List.copyOf(eventIds);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
