package org.scriptorium.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.search.lucene.LuceneSearch;
import org.scriptorium.support.Api;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;
import tools.jackson.databind.JsonNode;

/**
 * Kills the application with SIGKILL at random moments while it imports, revises (publishes a new revision), redeems
 * codes and files reports with files, over one data directory (embedded H2 file database), restarting it each
 * time: 10 cycles in every build (each start costs seconds), 50 in the recorded run of {@code docs/BENCHMARKS.md}. Every write answered 2xx must be there after the restart; at the end nothing is half saved (no
 * evidence file without its row, no report row without its file, no revision missing) and the search index holds
 * exactly the materials of the database at their current revisions.
 *
 * <p>{@code -Dscriptorium.crash.cycles=N} runs N cycles instead; {@code -Dscriptorium.crash.seed=S} repeats a run.
 */
class CrashTest {

    private static final int CYCLES = Integer.getInteger("scriptorium.crash.cycles", 10);
    private static final Duration START = Duration.ofMinutes(3);

    /** What the application answered 2xx to, and so promised to keep. */
    private record Material(String id, String word, int revision) {
    }

    /** A code redeemed: the member's membership must end no earlier than the answer said. */
    private record Redeemed(String memberToken, java.time.Instant endsAt) {
    }

    private record Report(String id, String sha256) {
    }

    private final Queue<Material> materials = new ConcurrentLinkedQueue<>();
    private final Queue<Redeemed> redeemed = new ConcurrentLinkedQueue<>();
    private final Queue<Report> reports = new ConcurrentLinkedQueue<>();
    private final Queue<String> serverErrors = new ConcurrentLinkedQueue<>();

    @Test
    @DisplayName("kill -9 at random moments, 50 times: every write answered 2xx survives, nothing is half saved, index and database agree")
    void killedAtRandomMoments() throws Exception {
        long seed = Long.getLong("scriptorium.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path data = Files.createTempDirectory("scriptorium-crash");
        List<Long> startMillis = new ArrayList<>();
        long began = System.nanoTime();
        AppProcess app = timedStart(data, startMillis);
        try {
            Api admin = app.api().asAdmin();
            String planId = admin.post("/api/v1/admin/plans", Map.of("name", "一年会员", "durationDays", 365,
                    "backCatalogDays", 1095)).json().get("id").asString();
            String redeemer = app.api().newMember().bearer();
            String reporter = app.api().newMember().bearer();
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                if (cycle > 0) {
                    app = timedStart(data, startMillis);
                    admin = app.api().asAdmin();
                    checkPromises(app.api(), admin, cycle, false);
                }
                Queue<String> codes = new ConcurrentLinkedQueue<>();
                admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", 6)).json().get("codes")
                        .forEach(c -> codes.add(c.asString()));
                load(app, admin, app.api().as(redeemer), app.api().as(reporter), codes, random.nextLong(),
                        300 + random.nextInt(2_500));
            }
            app = timedStart(data, startMillis);
            admin = app.api().asAdmin();
            checkPromises(app.api(), admin, CYCLES, true);
            app.stop();
            checkNothingHalfSaved(data);
        } finally {
            app.close();
        }
        assertThat(serverErrors).as("server errors while running").isEmpty();
        deleteTree(data);
        assertThat(materials).as("imports and revisions answered 2xx").isNotEmpty();
        assertThat(redeemed).as("redemptions answered 200").isNotEmpty();
        assertThat(reports).as("reports answered 201").isNotEmpty();
        System.out.printf("CrashTest: %d cycles (seed %d) in %d s; %d imports/revisions, %d redemptions, %d reports"
                        + " answered 2xx and kept; start-up %d ms on average (min %d, max %d)%n", CYCLES, seed,
                Duration.ofNanos(System.nanoTime() - began).toSeconds(), materials.size(), redeemed.size(), reports.size(),
                (long) startMillis.stream().mapToLong(Long::longValue).average().orElse(0),
                startMillis.stream().mapToLong(Long::longValue).min().orElse(0),
                startMillis.stream().mapToLong(Long::longValue).max().orElse(0));
    }

    private static AppProcess timedStart(Path data, List<Long> startMillis) {
        long t = System.nanoTime();
        // One reporter files every report of the run; the checks search for every material made (no rate limit).
        AppProcess app = AppProcess.start(data, START, "--scriptorium.reports.per-day=100000",
                "--scriptorium.search.rate.enabled=false");
        startMillis.add(Duration.ofNanos(System.nanoTime() - t).toMillis());
        return app;
    }

    /**
     * Writes from four threads until the process is killed {@code killAfterMillis} later.
     */
    private void load(AppProcess app, Api admin, Api redeemer, Api reporter, Queue<String> codes, long seed,
                      int killAfterMillis) throws InterruptedException {
        AtomicBoolean killed = new AtomicBoolean();
        // One import first: a fresh process loads the analysers and parser on it, which takes seconds once.
        String warm = Words.unique();
        Api.Response first = admin.multipart("POST", "/api/v1/admin/materials",
                Map.of("tier", "FREE", "text", Speeches.RURAL_MEETING.replace("沟渠清淤", "沟渠清淤和" + warm + "整治")), null, null);
        if (answered(first, 201)) {
            materials.add(new Material(first.json().get("materialId").asString(), warm, 1));
        }
        fileReport(reporter); // and the tracer's dictionaries on the first report
        Random random = new Random(seed);
        List<Material> revisable = new ArrayList<>(materials);
        List<Thread> workers = List.of(
                worker(killed, () -> {
                    String word = Words.unique();
                    Api.Response r = admin.multipart("POST", "/api/v1/admin/materials",
                            Map.of("tier", "FREE", "text", Speeches.RURAL_MEETING.replace("沟渠清淤", "沟渠清淤和" + word + "整治")),
                            null, null);
                    if (answered(r, 201)) {
                        materials.add(new Material(r.json().get("materialId").asString(), word, 1));
                    }
                }),
                worker(killed, () -> {
                    if (revisable.isEmpty()) {
                        return;
                    }
                    Material m = revisable.get(random.nextInt(revisable.size()));
                    String word = Words.unique();
                    Api.Response r = admin.multipart("PUT", "/api/v1/admin/materials/" + m.id(), Map.of("changeNote", "修订",
                            "text", Speeches.RURAL_MEETING.replace("沟渠清淤", "沟渠清淤和" + word + "整治")), null, null);
                    if (answered(r, 200)) {
                        materials.add(new Material(m.id(), word, r.json().get("revision").asInt()));
                    }
                }),
                worker(killed, () -> {
                    String code = codes.poll();
                    if (code == null) {
                        return;
                    }
                    Api.Response r = redeemer.post("/api/v1/me/redeem", Map.of("code", code));
                    if (answered(r, 200)) {
                        redeemed.add(new Redeemed(redeemer.bearer(), java.time.Instant.parse(r.json().get("endsAt").asString())));
                    }
                }),
                worker(killed, () -> fileReport(reporter)));
        Thread.sleep(killAfterMillis);
        killed.set(true);
        app.kill();
        for (Thread worker : workers) {
            worker.join();
        }
    }

    private void fileReport(Api reporter) {
        byte[] file = ("转卖的文字" + Words.unique()).repeat(50).getBytes(StandardCharsets.UTF_8);
        Api.Response r = reporter.multipart("POST", "/api/v1/reports", Map.of("where", "某网店"), "证据.txt", file);
        if (answered(r, 201)) {
            reports.add(new Report(r.json().get("reportId").asString(), sha256(file)));
        }
    }

    private Thread worker(AtomicBoolean killed, Runnable step) {
        return Thread.ofPlatform().start(() -> {
            while (!killed.get()) {
                try {
                    step.run();
                } catch (RuntimeException connectionLostOrRefused) {
                    if (!killed.get()) {
                        serverErrors.add(connectionLostOrRefused.toString());
                    }
                }
            }
        });
    }

    private boolean answered(Api.Response r, int expected) {
        if (r.status() == 429) {
            return false; // the reporter's daily limit: the next cycle has a new reporter
        }
        if (r.status() >= 500) {
            serverErrors.add(r.status() + " " + r.text());
        }
        return r.status() == expected;
    }

    /** How many promises of each kind the checks after earlier restarts covered. */
    private int checkedMaterials;
    private int checkedReports;

    /**
     * Checks the promises made since the last check (all of them when {@code all}): each restart checks the cycle
     * before it, the end checks the whole run, so the work grows with the run rather than with its square.
     */
    private void checkPromises(Api api, Api admin, int cycle, boolean all) {
        List<Material> made = List.copyOf(materials);
        Set<String> toCheck = new HashSet<>();
        made.subList(all ? 0 : checkedMaterials, made.size()).forEach(m -> toCheck.add(m.id()));
        checkedMaterials = made.size();
        Map<String, Material> newest = new HashMap<>();
        for (Material m : made) {
            newest.merge(m.id(), m, (a, b) -> a.revision() >= b.revision() ? a : b);
        }
        for (Material m : newest.values()) {
            if (!toCheck.contains(m.id())) {
                continue;
            }
            JsonNode current = admin.get("/api/v1/materials/" + m.id()).json();
            // A later revision may have been saved without its answer arriving (killed in between): that is fine.
            assertThat(current.path("revision").asInt()).as("cycle %d: material %s kept at revision %d or later: %s",
                    cycle, m.id(), m.revision(), current).isGreaterThanOrEqualTo(m.revision());
            if (current.get("revision").asInt() == m.revision()) {
                Api checker = admin;
                assertThat(total(admin, m.word())).as(() -> String.format("cycle %d: material %s revision %d searchable: %s",
                        cycle, m.id(), m.revision(), checker.get("/api/v1/materials?q="
                                + URLEncoder.encode(m.word(), StandardCharsets.UTF_8)).text())).isEqualTo(1);
            }
        }
        // One member redeems every code: the latest promise is the strongest (each redemption extends the period).
        redeemed.stream().max(java.util.Comparator.comparing(Redeemed::endsAt)).ifPresent(r -> {
            JsonNode me = api.as(r.memberToken()).get("/api/v1/me").json();
            assertThat(me.get("membership").isNull()).as("cycle %d: redeemed membership kept: %s", cycle, me).isFalse();
            assertThat(java.time.Instant.parse(me.get("membership").get("endsAt").asString()))
                    .as("cycle %d: every redeemed code's time kept: %s", cycle, me).isAfterOrEqualTo(r.endsAt());
        });
        List<Report> filed = List.copyOf(reports);
        for (Report r : filed.subList(all ? 0 : checkedReports, filed.size())) {
            JsonNode report = admin.get("/api/v1/admin/reports/" + r.id()).json();
            assertThat(report.toString()).as("cycle %d: report %s kept with its file", cycle, r.id()).contains(r.sha256());
        }
        checkedReports = filed.size();
    }

    private static long total(Api api, String word) {
        Api.Response r = api.get("/api/v1/materials?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8));
        assertThat(r.status()).as("search for %s: %s", word, r.text()).isEqualTo(200);
        return r.json().get("total").asLong();
    }

    private static void checkNothingHalfSaved(Path data) throws SQLException, IOException {
        Map<String, Integer> revisions = new HashMap<>();
        Set<String> blobKeys = new HashSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db/scriptorium"), "sa", "");
             Statement s = db.createStatement()) {
            try (ResultSet rows = s.executeQuery("SELECT m.id, m.current_revision, COUNT(r.revision) FROM materials m "
                    + "LEFT JOIN material_revisions r ON r.material_id = m.id GROUP BY m.id, m.current_revision")) {
                while (rows.next()) {
                    assertThat(rows.getInt(3)).as("revisions of " + rows.getString(1)).isEqualTo(rows.getInt(2));
                    revisions.put(rows.getString(1), rows.getInt(2));
                }
            }
            try (ResultSet rows = s.executeQuery("SELECT blob_key FROM report_files")) {
                while (rows.next()) {
                    blobKeys.add(rows.getString(1));
                }
            }
            try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM reports r WHERE r.kind = 'REPORT' AND NOT EXISTS "
                    + "(SELECT 1 FROM report_files f WHERE f.report_id = r.id)")) {
                rows.next();
                assertThat(rows.getLong(1)).as("reports without their file").isZero();
            }
            try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM search_outbox")) {
                rows.next();
                assertThat(rows.getLong(1)).as("changes still waiting for the index").isZero();
            }
        }
        Set<String> onDisk = new HashSet<>();
        if (Files.isDirectory(data.resolve("evidence"))) {
            try (Stream<Path> files = Files.walk(data.resolve("evidence"))) {
                files.filter(Files::isRegularFile).forEach(f -> onDisk.add(f.getFileName().toString()));
            }
        }
        assertThat(onDisk).as("evidence files on disk are exactly those the reports name").isEqualTo(blobKeys);

        try (LuceneSearch index = new LuceneSearch(data.resolve("index"), ZoneId.of("Asia/Shanghai"))) {
            Map<String, String> indexed = index.versions().orElseThrow();
            assertThat(indexed.keySet()).as("the index holds the database's materials").isEqualTo(revisions.keySet());
            revisions.forEach((id, revision) -> assertThat(indexed.get(id)).as("indexed revision of " + id).startsWith(revision + "@"));
        }
    }

    /** The data directory and the processes' logs beside it; kept when the test fails, to look at. */
    static void deleteTree(Path data) throws IOException {
        try (Stream<Path> logs = Files.list(data.getParent())) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith(data.getFileName() + "-")).toList()) {
                Files.deleteIfExists(log);
            }
        }
        if (Files.exists(data)) {
            try (Stream<Path> paths = Files.walk(data)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
