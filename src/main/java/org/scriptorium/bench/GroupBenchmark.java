package org.scriptorium.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.Role;
import org.scriptorium.membership.Memberships;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar scriptorium.jar bench-group --scriptorium.data-dir=./bench-group-data}: a members' group under
 * load. Makes members (default 2,000) with an active membership and one members' group; opens every member's event
 * stream as the group page does (stream port, ticket from {@code GET /api/v1/events/ticket}) in a client process of
 * its own ({@link GroupStreamClient}); then posts messages (default 20 a second for 60 s) through
 * {@code POST /api/v1/groups/{id}/messages}, each from the next of many members (default 200, so that none reaches the
 * 10-a-minute limit), and measures for every message the time from its POST being sent to its arrival on every open
 * stream. Meanwhile a share of the streams (default 10 %) drops once and reconnects after a pause with
 * {@code Last-Event-ID}; at the end every stream is checked for messages lost or received twice. Prints Markdown.
 * Not a test: its figures depend on the machine.
 */
@Component
@Order(2)
class GroupBenchmark implements ApplicationRunner {

    static final String NAME = "bench-group";
    private static final String PASSWORD = "bench-password-1";
    private static final List<String> LINES = List.of("大家好，请问有没有年终总结的模板？", "谢谢群主分享，收藏了",
            "这篇写得真好，结构很清楚", "请问会员到期了怎么续费？", "高举中国特色社会主义伟大旗帜", "收到，明白",
            "调研报告的框架一般是：基本情况、存在问题、原因分析、对策建议", "晚安，大家早点休息");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApplicationContext context;
    private final Accounts accounts;
    private final Memberships memberships;
    private final Clock clock;

    GroupBenchmark(ApplicationContext context, Accounts accounts, Memberships memberships, Clock clock) {
        this.context = context;
        this.accounts = accounts;
        this.memberships = memberships;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!args.getNonOptionArgs().contains(NAME)) {
            return;
        }
        int members = Integer.parseInt(option(args, "bench.members", "2000"));
        int posters = Integer.parseInt(option(args, "bench.posters", "200"));
        int rate = Integer.parseInt(option(args, "bench.rate", "20"));
        int seconds = Integer.parseInt(option(args, "bench.seconds", "60"));
        double dropShare = Double.parseDouble(option(args, "bench.drop-share", "0.1"));
        double dropSeconds = Double.parseDouble(option(args, "bench.drop-seconds", "3"));
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String base = "http://127.0.0.1:" + port;
        System.out.printf("Group benchmark: %,d members with the page open, %d messages a second for %d s from %d members,"
                        + " %.0f %% of streams dropped for %.0f s; Java %s, %d cores, max heap %,d MB%n", members, rate,
                seconds, posters, dropShare * 100, dropSeconds, Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));

        String run = UUID.randomUUID().toString().substring(0, 8);
        Account admin = accounts.create("bench-group-admin-" + run + "@bench.example", PASSWORD, "压测管理员",
                EnumSet.of(Role.MEMBER, Role.ADMIN));
        String adminToken = accounts.issueToken(admin.email(), PASSWORD, null).token();
        String[] tokens = members(members, run, admin.id(), Path.of(option(args, "bench.members-file",
                Path.of(option(args, "scriptorium.data-dir", ".")).resolve("bench-group-members.txt").toString())));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> created = http.send(json(base + "/api/v1/admin/groups", adminToken,
                Map.of("name", "压测会员群-" + run, "kind", "MEMBERS")), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating the group answered " + created.statusCode() + ": " + created.body());
        }
        String groupId = JSON.readTree(created.body()).get("id").asString();

        List<String> requests = new ArrayList<>();
        for (String token : tokens) {
            HttpResponse<String> ticket = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events/ticket"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode url = JSON.readTree(ticket.body()).get("url");
            if (ticket.statusCode() != 200 || url == null || url.isNull()) {
                throw new IllegalStateException("no stream ticket (" + ticket.statusCode() + "): " + ticket.body());
            }
            URI stream = URI.create(url.asString());
            requests.add(stream.getPort() + " " + stream.getRawPath() + "?" + stream.getRawQuery());
        }
        Path requestFile = Files.createTempFile("bench-group-streams", ".txt");
        Files.write(requestFile, requests);

        int messages = rate * seconds;
        Process client = new ProcessBuilder(clientCommand(requestFile, messages, dropShare, dropSeconds, seconds))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter in = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
        long connectStart = System.nanoTime();
        String[] connected = expect(out, "CONNECTED");
        System.out.printf("%s streams open (%s failed) in %.1f s%n", connected[1], connected[2],
                (System.nanoTime() - connectStart) / 1e9);
        Thread.sleep(3_000);

        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long serverCpu0 = os.getProcessCpuTime();
        long clientCpu0 = client.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        long[] sentMicros = new long[messages];
        int[] status = new int[messages];
        long[] answeredMicros = new long[messages];
        long startNanos = System.nanoTime();
        in.println("START " + micros(Instant.now()));
        List<Thread> posts = new ArrayList<>();
        for (int seq = 0; seq < messages; seq++) {
            long due = startNanos + seq * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int s = seq;
            String token = tokens[seq % Math.min(posters, members)];
            posts.add(Thread.ofVirtual().start(() -> {
                HttpRequest post = json(base + "/api/v1/groups/" + groupId + "/messages", token,
                        Map.of("text", LINES.get(s % LINES.size()) + " BENCHMSG-" + s + "-"));
                sentMicros[s] = micros(Instant.now());
                try {
                    status[s] = http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
                    answeredMicros[s] = micros(Instant.now());
                } catch (Exception e) {
                    status[s] = -1;
                }
            }));
        }
        for (Thread t : posts) {
            t.join();
        }
        double postingSeconds = (System.nanoTime() - startNanos) / 1e9;
        double serverCores = (os.getProcessCpuTime() - serverCpu0) / 1e9 / postingSeconds;
        double clientCores = (client.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) - clientCpu0) / 1e9
                / postingSeconds;
        Thread.sleep(10_000); // the last messages' way to every stream, and the last reconnects
        Map<Integer, Integer> answers = new LinkedHashMap<>();
        List<String> sends = new ArrayList<>();
        for (int seq = 0; seq < messages; seq++) {
            sends.add(seq + " " + sentMicros[seq] + " " + status[seq]);
            answers.merge(status[seq], 1, Integer::sum);
        }
        long[] postMicros = new long[messages];
        for (int seq = 0; seq < messages; seq++) {
            postMicros[seq] = answeredMicros[seq] - sentMicros[seq];
        }
        java.util.Arrays.sort(postMicros);
        Path sendsFile = Files.createTempFile("bench-group-sends", ".txt");
        Files.write(sendsFile, sends);
        in.println("DONE " + sendsFile);
        Map<String, Long> result = new LinkedHashMap<>();
        for (String[] line = expect(out, "RESULT"); !line[1].equals("END"); line = expect(out, "RESULT")) {
            result.put(line[1], Long.parseLong(line[2]));
        }
        in.close();
        client.waitFor();
        Files.deleteIfExists(requestFile);
        Files.deleteIfExists(sendsFile);

        System.out.printf("%n%,d messages posted in %.1f s; answers %s; CPU while posting: server %.2f cores, stream "
                + "client %.2f cores (of %d)%n%n", messages, postingSeconds, answers, serverCores, clientCores,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| streams | messages accepted | deliveries | p50 | p95 | p99 | max | lost | duplicated |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf("| %,d | %,d | %,d | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %,d (on %d streams) | %,d (on %d streams) |%n",
                result.get("streams"), result.get("accepted"), result.get("deliveries"), result.get("p50") / 1e3,
                result.get("p95") / 1e3, result.get("p99") / 1e3, result.get("max") / 1e3, result.get("lost"),
                result.get("streamsLosing"), result.get("duplicated"), result.get("streamsDuplicating"));
        System.out.printf("%nOn the streams that never dropped: p99 %.0f ms, max %.0f ms. ", result.get("steadyP99") / 1e3,
                result.get("steadyMax") / 1e3);
        System.out.printf("Reconnects: %,d streams dropped once for %.0f s and came back with Last-Event-ID: %,d messages "
                        + "lost and %,d duplicated on them; %,d reconnects the server caused (stream time up, slow client)%n",
                result.get("dropped"), dropSeconds, result.get("droppedLost"), result.get("droppedDuplicated"),
                result.get("unplannedReconnects"));
        System.out.printf("The POST itself (leak guard, rate rule, insert, commit) answered in %.0f ms (p50), %.0f ms (p99), "
                + "%.0f ms (max)%n", postMicros[messages / 2] / 1e3, postMicros[messages * 99 / 100] / 1e3,
                postMicros[messages - 1] / 1e3);
        System.out.printf("Per message, over the streams that never dropped: the first had it after %.0f ms (p50), "
                        + "%.0f ms (p99); the last after %.0f ms (p50), %.0f ms (p99)%n", result.get("firstP50") / 1e3,
                result.get("firstP99") / 1e3, result.get("lastP50") / 1e3, result.get("lastP99") / 1e3);
        System.out.printf("Events seen with a lower id than the one before them (a reconnect then asks again for what "
                + "came between): %,d%n", result.get("outOfOrder"));
    }

    /**
     * The members' API tokens: read from {@code file} when an earlier run with this data directory left enough there
     * (Argon2 makes 2,000 accounts take minutes on two cores), else made now, two at a time, and written there.
     */
    private String[] members(int count, String run, String adminId, Path file) throws Exception {
        if (Files.exists(file)) {
            List<String> saved = Files.readAllLines(file);
            if (saved.size() >= count) {
                System.out.printf("%,d members from %s%n", count, file);
                return saved.subList(0, count).toArray(String[]::new);
            }
        }
        long start = System.nanoTime();
        String planId = memberships.createPlan("压测会员-" + run, 3650, 3650).id();
        String[] tokens = new String[count];
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    String email = "bench-group-" + run + "-" + n + "@bench.example";
                    Account account = accounts.register(email, PASSWORD, "压测会员" + n).orElseThrow();
                    memberships.grant(account.id(), planId, clock.instant(), adminId);
                    tokens[n] = accounts.issueToken(email, PASSWORD, null).token();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        Files.write(file, List.of(tokens));
        System.out.printf("%,d members made in %.0f s (saved in %s)%n", count, (System.nanoTime() - start) / 1e9, file);
        return tokens;
    }

    private static HttpRequest json(String url, String token, Map<String, String> body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    /** The same JVM binary; from the fat jar through Spring Boot's launcher, from a class directory directly. */
    private static List<String> clientCommand(Path requests, int messages, double dropShare, double dropSeconds,
                                              int seconds) {
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(javaBinary, "-Xmx512m", "-XX:+UseSerialGC", "-cp", classPath));
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.add("-Dloader.main=" + GroupStreamClient.class.getName());
            command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
        } else {
            command.add(GroupStreamClient.class.getName());
        }
        command.addAll(List.of(requests.toString(), Integer.toString(messages), Double.toString(dropShare),
                Double.toString(dropSeconds), Integer.toString(seconds)));
        return command;
    }

    private static String[] expect(BufferedReader out, String prefix) throws java.io.IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix + " ")) {
                return line.split(" ");
            }
        }
        throw new IllegalStateException("the stream client ended before " + prefix);
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }
}
