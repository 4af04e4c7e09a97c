package org.scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;

/** The server-rendered pages over real HTTP, with a browser-like cookie jar. */
class PagesTest extends IntegrationTest {

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String form = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("page has a CSRF field").isTrue();
        return m.group(1);
    }

    @Test
    @DisplayName("the home page, the list and the health check answer without signing in")
    void publicPages() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(200);
        assertThat(get("/").body()).contains("最新资料", "搜索");
        assertThat(get("/materials").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health").body()).contains("UP");
        assertThat(get("/webjars/htmx.org/dist/htmx.min.js").statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("member and operator pages send a visitor to sign in")
    void protectedPages() throws Exception {
        assertThat(get("/me").statusCode()).isEqualTo(302);
        assertThat(get("/admin/materials").headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    @DisplayName("a form posted without its CSRF token is refused")
    void csrfRequired() throws Exception {
        HttpResponse<String> page = get("/register");
        HttpResponse<String> withoutToken = postForm("/register",
                Map.of("email", "csrf@test.example", "password", "long-enough-1", "displayName", "丁"));
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        HttpResponse<String> withToken = postForm("/register", Map.of("_csrf", csrf(page.body()),
                "email", "csrf@test.example", "password", "long-enough-1", "displayName", "丁"));
        assertThat(withToken.statusCode()).isEqualTo(302);
    }

    @Test
    @DisplayName("imported text is escaped on the reading page, and an unknown material is a Chinese 404 page")
    void escaping() throws Exception {
        Api admin = api().asAdmin();
        String text = Speeches.RURAL_MEETING.replace("今天召开这次会议", "今天<script>alert(1)</script>召开这次会议");
        String id = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", text, "tier", "FREE"), null, null)
                .json().get("materialId").asString();
        String html = get("/materials/" + id).body();
        assertThat(html).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
        HttpResponse<String> missing = get("/materials/does-not-exist");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("资料不存在");
    }
}
