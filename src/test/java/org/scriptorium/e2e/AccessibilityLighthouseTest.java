package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.WebSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lighthouse's accessibility score (mobile) on the pages a reader uses most: home, search, a reading page and
 * {@code /me}, each at least 0.95 (issue 16). One Chromium for all pages, the accessibility category only; the
 * failing audits are printed with the elements they name.
 *
 * <p>Lighthouse comes from the npm registry: {@code scripts/test-services.sh} installs it under
 * {@code ~/.cache/scriptorium-lighthouse} ({@code -Dscriptorium.test.lighthouse.dir} says where else). When it is
 * missing the test fails and says how to install it, unless {@code -Dscriptorium.test.lighthouse.skip=true} says to
 * skip it on a machine without the registry. The pages do not depend on the database, so the PostgreSQL run skips it.
 */
@Tag("lighthouse")
@DisabledIfSystemProperty(named = "scriptorium.test.db", matches = "postgresql",
        disabledReason = "the pages are the same on either database: checked in the H2 run")
class AccessibilityLighthouseTest extends IntegrationTest {

    private static final double MINIMUM = 0.95;

    private static Path lighthouseDir() {
        return Path.of(System.getProperty("scriptorium.test.lighthouse.dir",
                System.getProperty("user.home") + "/.cache/scriptorium-lighthouse"));
    }

    /** Signs in through the form, as a browser would, and returns the session's cookies as a Cookie header. */
    private String signedInCookie(String email) throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = "http://127.0.0.1:" + port;
        String form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("email", email);
        fields.put("password", Api.MEMBER_PASSWORD);
        fields.put("_csrf", WebSession.csrf(form));
        String body = fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location").orElse("")).as("signed in").doesNotContain("error");
        return cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    @Test
    @DisplayName("Lighthouse accessibility (mobile) is at least 0.95 on home, search, a reading page and /me")
    void accessibility() throws IOException, InterruptedException {
        Path cli = lighthouseDir().resolve("node_modules/lighthouse/core/index.js");
        if (!Files.isRegularFile(cli)) {
            Assumptions.assumeFalse(Boolean.getBoolean("scriptorium.test.lighthouse.skip"),
                    "lighthouse is not installed and -Dscriptorium.test.lighthouse.skip=true says to skip it");
            fail(cli + " is missing: run scripts/test-services.sh (it installs lighthouse with npm), or pass "
                    + "-Dscriptorium.test.lighthouse.skip=true on a machine without the npm registry");
        }
        String chromium = System.getProperty(Browsers.CHROMIUM_PROPERTY, Browsers.DEFAULT_CHROMIUM);

        Api admin = api().asAdmin();
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "三年会员", "durationDays", 1095,
                "backCatalogDays", 1095)).json().get("id").asString();
        String code = admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", 1)).json().get("codes")
                .get(0).asString();
        String material = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", Speeches.RURAL_MEETING),
                null, null).json().get("materialId").asString();
        String email = "a11y-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        Api member = api().newMember(email);
        assertThat(member.post("/api/v1/me/redeem", Map.of("code", code)).status()).isEqualTo(200);
        member.put("/api/v1/me/favourites/" + material, null);
        String cookie = signedInCookie(email);

        String base = "http://127.0.0.1:" + port;
        String search = URLEncoder.encode("春耕", StandardCharsets.UTF_8);
        List<Map<String, Object>> pages = new ArrayList<>();
        pages.add(page("home", base + "/", false));
        pages.add(page("search", base + "/materials?q=" + search, false));
        pages.add(page("reading", base + "/materials/" + material, true));
        pages.add(page("me", base + "/me", true));
        JsonMapper json = JsonMapper.builder().build();
        Path dir = Files.createDirectories(Path.of("target", "lighthouse"));
        Path pagesFile = dir.resolve("pages.json");
        Files.writeString(pagesFile, json.writeValueAsString(Map.of("cookie", cookie, "pages", pages)));
        Path script = Path.of("src/test/resources/lighthouse/accessibility.mjs");
        Path output = dir.resolve("accessibility.json");
        Path log = dir.resolve("lighthouse.log");
        Process process = new ProcessBuilder(System.getProperty("scriptorium.test.node", "node"), script.toString(),
                lighthouseDir().toString(), chromium, pagesFile.toString())
                .redirectOutput(output.toFile()).redirectError(log.toFile()).start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("lighthouse did not finish in 4 minutes; its log: " + log.toAbsolutePath());
        }
        assertThat(process.exitValue()).as("lighthouse exit status; its log:%n%s", Files.readString(log)).isZero();

        JsonNode results = json.readTree(Files.readString(output));
        assertThat(results.size()).isEqualTo(pages.size());
        StringBuilder report = new StringBuilder();
        List<String> below = new ArrayList<>();
        for (JsonNode result : results) {
            String name = result.get("name").asString();
            assertThat(result.get("url").asString()).as("%s was shown, not the sign-in page", name).doesNotContain("/login");
            double score = result.get("score").asDouble();
            report.append(String.format("%-8s %.2f  %s%n", result.get("name").asString(), score, result.get("url").asString()));
            assertThat(result.get("runtimeError").isNull()).as("lighthouse ran on %s: %s", result.get("url"),
                    result.get("runtimeError")).isTrue();
            for (JsonNode audit : result.get("failing")) {
                report.append("    ").append(audit.get("id").asString()).append(": ").append(audit.get("title").asString())
                        .append('\n');
                audit.get("items").forEach(item -> report.append("        ").append(item.asString()).append('\n'));
            }
            if (score < MINIMUM) {
                below.add(result.get("name").asString());
            }
        }
        System.out.println("Lighthouse accessibility (mobile):\n" + report);
        assertThat(below).as("pages below %.2f; the audits that fail:%n%s", MINIMUM, report).isEmpty();
    }

    private static Map<String, Object> page(String name, String url, boolean signedIn) {
        return Map.of("name", name, "url", url, "signedIn", signedIn);
    }
}
