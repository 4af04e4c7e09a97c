package org.scriptorium.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.Words;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on the embedded H2 file database in a 48 MB tmpfs that the test fills up: writes are refused
 * with STORAGE_UNAVAILABLE, nothing answered 2xx is lost, health is DOWN meanwhile, and everything works again once
 * there is room, without a restart. Skipped where a tmpfs cannot be mounted (not root).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DiskFullTest {

    private static final TmpfsMount DISK = TmpfsMount.mount(48);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) throws IOException {
        Path data = DISK != null ? DISK.directory() : Files.createTempDirectory("scriptorium-test");
        registry.add("scriptorium.data-dir", data::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + data.resolve("db/scriptorium")
                + ";MODE=Regular;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        registry.add("scriptorium.demo.enabled", () -> "false");
        registry.add("scriptorium.sharing.stream.port", () -> "-1");
        registry.add("scriptorium.admin.email", () -> Api.ADMIN_EMAIL);
        registry.add("scriptorium.admin.password", () -> Api.ADMIN_PASSWORD);
    }

    @AfterAll
    static void unmount() {
        if (DISK != null) {
            DISK.unmount();
        }
    }

    @Test
    @DisplayName("a full disk refuses writes with STORAGE_UNAVAILABLE, keeps what was answered, and recovers by itself")
    void diskFull() throws IOException {
        assumeTrue(DISK != null, "needs root to mount a tmpfs");
        Api api = Api.at("http://127.0.0.1:" + port);
        Api admin = api.asAdmin();
        String reporterEmail = "full" + Words.unique().hashCode() + "@test.example";
        Api reporter = api.newMember(reporterEmail);
        WebSession browser = new WebSession(port).signIn(reporterEmail, Api.MEMBER_PASSWORD);
        List<String> saved = new ArrayList<>();
        String first = Words.unique();
        assertThat(importMaterial(admin, first).status()).isEqualTo(201);
        saved.add(first);
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);

        Path filler = DISK.directory().resolve("filler");
        fill(filler);
        // In a browser: the form page itself may already fail (H2 writes on reads too), or else filing from it does.
        HttpResponse<String> form = browser.get("/reports/new");
        HttpResponse<String> page = form.statusCode() != 200 ? form : browser.postMultipart("/reports/new", "/reports/new",
                Map.of("where", "某店铺"),
                "证据.txt", ("与资料无关的文字" + Words.unique()).repeat(2_000).getBytes(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(503);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("存储暂时不可用", "返回首页");
        assertThat(api.get("/actuator/health").status()).isEqualTo(503);
        assertThat(api.get("/actuator/health").text()).contains("DOWN");

        // Small commits may still fit in space the database file already holds; large ones cannot.
        int refused = 0;
        for (int i = 0; i < 4; i++) {
            String word = Words.unique();
            Api.Response r = importMaterial(admin, word);
            assertThat(r.status()).as(r.text()).isIn(201, 503);
            if (r.status() == 201) {
                saved.add(word);
            } else {
                refused++;
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.json().get("code").asString()).isEqualTo("STORAGE_UNAVAILABLE");
                assertThat(r.json().get("detail").asString()).contains("存储暂时不可用");
            }
        }
        assertThat(refused).isPositive();
        Api.Response report = reporter.multipart("POST", "/api/v1/reports", Map.of("where", "某店铺"),
                "证据.txt", ("与资料无关的文字" + Words.unique()).repeat(2_000).getBytes(StandardCharsets.UTF_8));
        assertThat(report.status()).as(report.text()).isEqualTo(503);
        assertThat(report.json().get("code").asString()).isEqualTo("STORAGE_UNAVAILABLE");
        assertThat(api.get("/actuator/health").status()).isEqualTo(503);

        Files.delete(filler);
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        String after = Words.unique();
        Api.Response recovered = importMaterial(admin, after);
        assertThat(recovered.status()).as(recovered.text()).isEqualTo(201);
        saved.add(after);
        assertThat(reporter.multipart("POST", "/api/v1/reports", Map.of("where", "某店铺"),
                "证据.txt", "与资料无关的文字".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        for (String word : saved) {
            // As staff: readers who may not read a material find it by its title and outline only.
            assertThat(admin.get("/api/v1/materials?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8))
                    .json().get("total").asLong()).as(word).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a read-only evidence folder refuses reports with STORAGE_UNAVAILABLE, health DOWN, until it is writable again")
    void readOnlyEvidence() throws IOException {
        assumeTrue(DISK != null, "needs root to mount a tmpfs");
        Api api = Api.at("http://127.0.0.1:" + port);
        Api reporter = api.newMember();
        Path evidence = Files.createDirectories(DISK.directory().resolve("evidence"));
        TmpfsMount folder = TmpfsMount.mountOn(evidence, 16); // above the 8 MB the health check wants free
        assumeTrue(folder != null, "could not mount a tmpfs on the evidence folder");
        try {
            assertThat(folder.readOnly(true)).isTrue();
            Api.Response refused = reporter.multipart("POST", "/api/v1/reports", Map.of("where", "某店铺"),
                    "证据.txt", "与资料无关的文字".getBytes(StandardCharsets.UTF_8));
            assertThat(refused.status()).as(refused.text()).isEqualTo(503);
            assertThat(refused.json().get("code").asString()).isEqualTo("STORAGE_UNAVAILABLE");
            assertThat(reporter.get("/api/v1/me/reports").json().size()).as("nothing saved").isZero();
            assertThat(api.get("/actuator/health").status()).isEqualTo(503);

            assertThat(folder.readOnly(false)).isTrue();
            assertThat(api.get("/actuator/health").status()).isEqualTo(200);
            assertThat(reporter.multipart("POST", "/api/v1/reports", Map.of("where", "某店铺"),
                    "证据.txt", "与资料无关的文字".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        } finally {
            folder.readOnly(false);
            folder.unmount();
        }
    }

    private static Api.Response importMaterial(Api admin, String word) {
        String text = Speeches.longSpeech(word);
        return admin.multipart("POST", "/api/v1/admin/materials", Map.of("tier", "FREE", "text", text + text.replace("。", "；")), null, null);
    }

    /** Writes zeros until the file system says it is full. */
    private static void fill(Path filler) {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left");
        }
    }
}
