package org.scriptorium.bench.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One app node as an operating-system process of its own, started from the classes of the running JVM (its
 * {@code java.home} and {@code java.class.path}, or the same jar), so that it can be killed as a crash kills a server
 * ({@code SIGKILL}, nothing runs after it). Its standard output and error go to a log file.
 */
public final class AppNode {

    private static final String MAIN = "org.scriptorium.ScriptoriumApplication";

    private final String name;
    private final int port;
    private final int streamPort;
    private final Path dataDir;
    private final Path log;
    private final List<String> command;
    private volatile Process process;

    /**
     * @param arguments the application's arguments ({@code --name=value}); a name given twice keeps its last value
     *                  (Spring would join both values with a comma)
     */
    AppNode(String name, int port, int streamPort, Path dataDir, Path log, List<String> jvmOptions,
            List<String> arguments) {
        this.name = name;
        this.port = port;
        this.streamPort = streamPort;
        this.dataDir = dataDir;
        this.log = log;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // A single jar is the application's own (java -jar scriptorium.jar bench-proxy), never Surefire's booter jar.
        String classPath = System.getProperty("java.class.path");
        if (!classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar")
                && !classPath.contains("surefire")) {
            // Run from the application's jar: its launcher finds MAIN.
            command.addAll(List.of("-jar", Path.of(classPath).toAbsolutePath().toString()));
        } else {
            command.addAll(List.of("-cp", classPath, MAIN));
        }
        command.addAll(lastWins(arguments));
        this.command = List.copyOf(command);
    }

    /** Keeps the last value of each {@code --name=value}, in the order the names first came. */
    static List<String> lastWins(List<String> arguments) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            String key = argument.startsWith("--") && equals > 0 ? argument.substring(0, equals) : argument;
            byName.remove(key);
            byName.put(key, argument);
        }
        return List.copyOf(byName.values());
    }

    /** Starts the process; see {@link #awaitReady}. */
    void start() {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * Waits until the node answers {@code /actuator/health} with 200 (its database migrated, its runners done).
     *
     * @throws IllegalStateException when the process ends first or the time runs out, with the end of its log
     */
    void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended with " + process.exitValue() + " before it was ready:\n"
                        + logTail(60));
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + logTail(60));
    }

    /** Kills the process as a crash would ({@code SIGKILL}: no shutdown hook, no graceful close) and waits for it. */
    public void kill() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly(); // SIGKILL on Linux and macOS
            waitFor(p, 10);
        }
    }

    /** Stops the process ({@code SIGTERM}: a graceful shutdown), killing it after 15 s. */
    void stop() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!waitFor(p, 15)) {
                kill();
            }
        }
    }

    public boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The node's name (node1, node2 …), as the proxy names it in its {@code X-Scriptorium-Node} header. */
    public String name() {
        return name;
    }

    /** The main port's address, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int streamPort() {
        return streamPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of the node's log. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static boolean waitFor(Process p, int seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
