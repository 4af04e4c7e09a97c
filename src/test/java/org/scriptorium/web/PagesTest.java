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

    private void signInAsAdmin() throws Exception {
        HttpResponse<String> login = postForm("/login", Map.of("_csrf", csrf(get("/login").body()),
                "email", Api.ADMIN_EMAIL, "password", Api.ADMIN_PASSWORD));
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
    }

    private HttpResponse<String> postMultipart(String path, Map<String, String> fields) throws Exception {
        String boundary = "----pages" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("an editor imports, corrects, revises and compares revisions through the pages")
    void editorPages() throws Exception {
        signInAsAdmin();
        String token = csrf(get("/admin/materials").body());
        HttpResponse<String> imported = postMultipart("/admin/materials", Map.of("_csrf", token, "text", Speeches.RURAL_MEETING,
                "topics", "春耕", "tier", "MEMBER", "publishedAt", "2024-03-15T09:00"));
        String location = imported.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/admin/materials/[a-z0-9]+$");
        String editPath = URI.create(location).getPath();
        String edit = get(editPath).body();
        assertThat(edit).contains("已导入《在全县春季农业生产工作会议上的讲话》", "仅供学习", "抓好粮食播种", "2024-03-15T09:00");

        HttpResponse<String> details = postForm(editPath + "/details", Map.of("_csrf", csrf(edit), "title", "春耕会议讲话（修订标题）",
                "kind", "讲话稿", "topics", "春耕,粮食安全", "tier", "FREE", "publishedAt", "2024-03-16T10:00"));
        assertThat(details.statusCode()).isEqualTo(302);
        HttpResponse<String> noNote = postMultipart(editPath + "/revise", Map.of("_csrf", csrf(get(editPath).body()),
                "text", Speeches.RURAL_MEETING_REVISED, "changeNote", ""));
        assertThat(get(URI.create(noNote.headers().firstValue("Location").orElseThrow()).getPath()).body()).contains("请填写修订说明");
        postMultipart(editPath + "/revise", Map.of("_csrf", csrf(get(editPath).body()),
                "text", Speeches.RURAL_MEETING_REVISED, "changeNote", "补充农机配件保障"));
        String revised = get(editPath).body();
        assertThat(revised).contains("春耕会议讲话（修订标题）", "第 2 版", "补充农机配件保障", "粮食安全");

        String diff = get(editPath + "/diff?from=1&to=2").body();
        assertThat(diff).contains("<ins>", "农机配件").contains("diff-line changed");
    }

    @Test
    @DisplayName("the operator creates a plan, generates codes, downloads them as CSV and grants and suspends a user")
    void operatorPages() throws Exception {
        signInAsAdmin();
        postForm("/admin/plans", Map.of("_csrf", csrf(get("/admin/plans").body()), "name", "半年会员",
                "durationDays", "182", "backCatalogDays", "1095"));
        String plans = get("/admin/plans").body();
        Matcher codesForm = Pattern.compile("action=\"(/admin/plans/[a-z0-9]+/codes)\"").matcher(plans);
        assertThat(codesForm.find()).isTrue();
        postForm(codesForm.group(1), Map.of("_csrf", csrf(plans), "count", "3"));
        String generated = get("/admin/plans").body();
        assertThat(generated).containsPattern("[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}");
        Matcher csvLink = Pattern.compile("href=\"(/admin/batches/[a-z0-9]+/codes\\.csv)\"").matcher(generated);
        assertThat(csvLink.find()).isTrue();
        HttpResponse<String> csv = get(csvLink.group(1));
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines().toList()).hasSize(4).first().asString().endsWith("code,plan,batch,channel,created_at");

        String userId = api().newMember().get("/api/v1/me").json().get("userId").asString();
        String userPage = get("/admin/users/" + userId).body();
        Matcher plan = Pattern.compile("<option value=\"([a-z0-9]+)\">半年会员</option>").matcher(userPage);
        assertThat(plan.find()).isTrue();
        postForm("/admin/users/" + userId + "/grant", Map.of("_csrf", csrf(userPage), "planId", plan.group(1), "startsAt", ""));
        postForm("/admin/users/" + userId + "/suspend", Map.of("_csrf", csrf(get("/admin/users/" + userId).body()), "reason", "倒卖资料"));
        String after = get("/admin/users/" + userId).body();
        assertThat(after).contains("半年会员", "已暂停：", "倒卖资料");
        assertThat(get("/admin/users?q=test.example").body()).contains("已暂停");
    }

    @Test
    @DisplayName("imported text is escaped on the reading page, and an unknown material is a Chinese 404 page")
    void escaping() throws Exception {
        Api admin = api().asAdmin();
        // an HTML tag in imported text is markup and goes; angle brackets and ampersands that are text stay, escaped
        String text = Speeches.RURAL_MEETING.replace("今天召开这次会议", "今天<script>alert(1)</script>召开这次会议，<2>号 & <名单>");
        String id = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", text, "tier", "FREE"), null, null)
                .json().get("materialId").asString();
        String html = get("/materials/" + id).body();
        assertThat(html).doesNotContain("<script>alert(1)</script>", "<名单>").contains("&lt;2&gt;号 &amp; &lt;名单&gt;");
        HttpResponse<String> missing = get("/materials/does-not-exist");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("资料不存在");
    }
}
