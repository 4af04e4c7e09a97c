package org.scriptorium.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.Role;
import org.scriptorium.corpus.SpeechCorpus;
import org.scriptorium.library.MaterialDraft;
import org.scriptorium.library.Materials;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar scriptorium.jar bench-events --scriptorium.data-dir=./bench-events-data}: opens many concurrent
 * event streams (default 10,000, from 100 members) from a client process of its own ({@link SseLoadClient}), measures
 * the server's heap per idle connection and its CPU while idle, then publishes one material and measures how long
 * each stream took to receive it. Prints a Markdown table. Not a test: its figures depend on the machine.
 *
 * <p>{@code --bench.port=stream} (the default) opens the streams as browsers do, on the stream port with the ticket
 * {@code GET /api/v1/events/ticket} gives each member; {@code --bench.port=main} opens them on the main port's
 * {@code /api/v1/events} with each member's token, as scripts do.
 */
@Component
@Order(2)
class EventsBenchmark implements ApplicationRunner {

    static final String NAME = "bench-events";

    private final ApplicationContext context;
    private final Accounts accounts;
    private final Materials materials;

    EventsBenchmark(ApplicationContext context, Accounts accounts, Materials materials) {
        this.context = context;
        this.accounts = accounts;
        this.materials = materials;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!args.getNonOptionArgs().contains(NAME)) {
            return;
        }
        int connections = Integer.parseInt(option(args, "bench.connections", "10000"));
        int users = Integer.parseInt(option(args, "bench.users", "100"));
        int idleSeconds = Integer.parseInt(option(args, "bench.idle-seconds", "30"));
        int publications = Integer.parseInt(option(args, "bench.publications", "5"));
        int settleSeconds = Integer.parseInt(option(args, "bench.settle-seconds", "20"));
        boolean streamPort = option(args, "bench.port", "stream").equals("stream");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        System.out.printf("Events benchmark: %,d streams from %d members on the %s port, Java %s, %d cores, max heap %,d MB%n",
                connections, users, streamPort ? "stream" : "main", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));

        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String email = "bench-" + run + "-" + i + "@bench.example";
            accounts.register(email, "bench-password-1", "压测" + i);
            String token = accounts.issueToken(email, "bench-password-1", null).token();
            if (streamPort) {
                URI stream = URI.create(streamAddress(port, token));
                requests.add(stream.getPort() + " " + stream.getRawPath() + "?" + stream.getRawQuery());
            } else {
                requests.add(port + " /api/v1/events " + token);
            }
        }
        Account editor = accounts.create("bench-editor-" + run + "@bench.example", "bench-password-1", "压测编辑",
                EnumSet.of(Role.MEMBER, Role.EDITOR));
        Path requestFile = Files.createTempFile("bench-streams", ".txt");
        Files.write(requestFile, requests);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledHeap(memory);
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

        Process client = new ProcessBuilder(clientCommand(connections, requestFile))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter in = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
        long t0Connect = System.nanoTime();
        String[] connected = expect(out, "CONNECTED");
        double connectSeconds = (System.nanoTime() - t0Connect) / 1e9;
        int open = Integer.parseInt(connected[1]);
        System.out.printf("%,d streams open (%s failed) in %.1f s%n", open, connected[2], connectSeconds);

        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // Idle means idle: let the JIT finish compiling what ten thousand connections just exercised first.
        Thread.sleep(settleSeconds * 1_000L);
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        Thread.sleep(idleSeconds * 1_000L);
        double idleCpu = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);
        long after = settledHeap(memory);
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        double perConnection = (after - before) / (double) Math.max(1, open);

        System.out.println();
        System.out.println("| streams open | connect time | heap per idle stream | server CPU while idle |");
        System.out.println("|---:|---:|---:|---:|");
        System.out.printf("| %,d | %.1f s | %.1f KB | %.1f %% of one core (%d s after %d s settling; threads %d → %d) |%n",
                open, connectSeconds, perConnection / 1024, idleCpu * 100, idleSeconds, settleSeconds, threadsBefore,
                threadsAfter);
        System.out.println();
        System.out.println("| publication | publish call (import, index, commit) | received by | p50 | p99 | max | p99 after the call returned |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        SpeechCorpus corpus = new SpeechCorpus(20261129L);
        for (int round = 0; round < publications; round++) {
            var document = corpus.document(round);
            Instant t0 = Instant.now();
            materials.importMaterial(MaterialDraft.ofText(document.text()), editor.id());
            // Latency counts from the start of publishing: parsing, indexing and the commit are part of what a
            // member waits.
            double publishMillis = Instant.now().toEpochMilli() - t0.toEpochMilli();
            in.println("T0 " + (t0.getEpochSecond() * 1_000_000 + t0.getNano() / 1_000));
            String[] result = expect(out, "RESULT");
            double p99 = Long.parseLong(result[3]) / 1000.0;
            System.out.printf("| %d%s | %.0f ms | %,d | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n", round + 1,
                    round == 0 ? " (first since start)" : "", publishMillis, Integer.parseInt(result[1]),
                    Long.parseLong(result[2]) / 1000.0, p99, Long.parseLong(result[4]) / 1000.0, p99 - publishMillis);
            Thread.sleep(2_000);
        }
        in.close();
        client.waitFor();
        Files.deleteIfExists(requestFile);
    }

    /** The stream address the main port gives a member's page, ticket included, asked for as a script would. */
    private static String streamAddress(int port, String token) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/api/v1/events/ticket")
                .toURL().openConnection();
        connection.setRequestProperty("Authorization", "Bearer " + token);
        try (InputStream body = connection.getInputStream()) {
            JsonNode address = JsonMapper.builder().build().readTree(body);
            if (address.get("url").isNull()) {
                throw new IllegalStateException("the stream port is off (scriptorium.sharing.stream.port=-1)");
            }
            return address.get("url").asString();
        }
    }

    /** Heap in use after the collector has run, so garbage does not count. */
    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(500);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The same JVM binary; from the fat jar through Spring Boot's launcher, from a class directory directly. */
    private static List<String> clientCommand(int connections, Path requests) {
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(javaBinary, "-Xmx256m", "-XX:+UseSerialGC", "-cp", classPath));
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.add("-Dloader.main=" + SseLoadClient.class.getName());
            command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
        } else {
            command.add(SseLoadClient.class.getName());
        }
        command.addAll(List.of(Integer.toString(connections), requests.toString(), "30"));
        return command;
    }

    private static String[] expect(BufferedReader out, String prefix) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix + " ")) {
                return line.split(" ");
            }
        }
        throw new IllegalStateException("the load client ended before " + prefix);
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }
}
