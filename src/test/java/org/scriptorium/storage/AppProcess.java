package org.scriptorium.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.scriptorium.support.Api;

/**
 * The application in a process of its own, as an operator runs it, so that a test can kill it with SIGKILL or run its
 * commands. Started from the test's own class path (Surefire names it in {@code surefire.test.class.path}) with the
 * JVM running the tests, so it works wherever the tests do, before any jar is packaged.
 */
final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private AppProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the web application on {@code dataDir} (embedded H2 file database) and waits until it answers. */
    static AppProcess start(Path dataDir, Duration timeout, String... moreSettings) {
        int port = freePort();
        List<String> args = new ArrayList<>(settings(dataDir));
        args.addAll(List.of(moreSettings));
        args.add("--server.port=" + port);
        AppProcess app = launch(args, dataDir.resolveSibling(dataDir.getFileName() + "-" + port + ".log"), port);
        app.awaitReady(timeout);
        return app;
    }

    /** Runs a command ({@code backup FILE}, {@code restore FILE}) on {@code dataDir} and returns its status and output. */
    static Result command(Path dataDir, Duration timeout, String... words) {
        List<String> args = new ArrayList<>(List.of(words));
        args.addAll(settings(dataDir));
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + words[0] + ".log");
        AppProcess app = launch(args, log, -1);
        try {
            if (!app.process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                app.process.destroyForcibly();
                throw new IllegalStateException(words[0] + " did not finish in " + timeout + ":\n" + app.output());
            }
            return new Result(app.process.exitValue(), app.output());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A finished command. */
    record Result(int status, String output) {
    }

    private static List<String> settings(Path dataDir) {
        return List.of("--scriptorium.data-dir=" + dataDir, "--scriptorium.demo.enabled=false",
                "--scriptorium.sharing.stream.port=-1", "--scriptorium.admin.email=" + Api.ADMIN_EMAIL,
                "--scriptorium.admin.password=" + Api.ADMIN_PASSWORD, "--spring.main.banner-mode=off",
                "--spring.jmx.enabled=false", "--logging.level.root=WARN");
    }

    private static AppProcess launch(List<String> args, Path log, int port) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.scriptorium.ScriptoriumApplication"));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new AppProcess(p, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Api api() {
        return Api.at("http://127.0.0.1:" + port);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: an orderly shutdown. */
    void stop() {
        process.destroy();
        waitForExit();
    }

    boolean alive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Api api = api();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                if (api.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        kill();
        throw new IllegalStateException("the application did not start in " + timeout + ":\n" + output());
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
