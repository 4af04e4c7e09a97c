package org.scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every failure, wherever it happens, in the contract's shape: problem+json on the API, the site's page in the browser. */
class ErrorFormatTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SITE = "笔杆子文库";

    @Autowired
    JdbcClient jdbc;

    /** Asserts a problem+json answer with this status and code, and returns it. */
    private static JsonNode problem(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode body = r.json();
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("detail").asString()).isNotBlank();
        return body;
    }

    private static JsonNode problem(RawHttp.Answer r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("title").asString()).isNotBlank();
        return body;
    }

    private String memberToken() {
        String email = "e" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        api().newMember(email);
        return api().token(email, Api.MEMBER_PASSWORD);
    }

    @Test
    @DisplayName("unknown paths, wrong methods and wrong content types are problems with their own status and code")
    void statuses() {
        Api member = api().as(memberToken());
        problem(member.get("/api/v1/no-such-thing"), 404, "NOT_FOUND");
        problem(api().get("/api/v1/no-such-thing"), 401, "UNAUTHENTICATED");
        problem(member.delete("/api/v1/me"), 405, "METHOD_NOT_ALLOWED");
        RawHttp.Answer wrongMethod = RawHttp.send(port, "DELETE /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + memberToken(), null);
        assertThat(wrongMethod.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
        RawHttp.Answer textBody = RawHttp.send(port, "POST /api/v1/me/redeem HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + memberToken() + "\r\nContent-Type: text/plain", "ABCD");
        JsonNode unsupported = problem(textBody, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(unsupported.get("title").asString()).isEqualTo("不支持的内容类型");
    }

    @Test
    @DisplayName("a value of the wrong type names its field, in the query and in a JSON body; broken JSON says so")
    void wrongTypes() {
        Api member = api().as(memberToken());
        JsonNode limit = problem(member.get("/api/v1/notifications?limit=abc"), 400, "INVALID_FIELD");
        assertThat(limit.get("field").asString()).isEqualTo("limit");
        assertThat(limit.get("detail").asString()).contains("limit", "整数");
        assertThat(problem(api().get("/api/v1/materials?page=abc"), 400, "INVALID_FIELD").get("field").asString())
                .isEqualTo("page");

        JsonNode duration = problem(api().asAdmin().post("/api/v1/admin/plans",
                Map.of("name", "类型错误", "durationDays", "many")), 400, "INVALID_FIELD");
        assertThat(duration.get("field").asString()).isEqualTo("durationDays");
        assertThat(duration.get("detail").asString()).contains("durationDays", "整数");

        RawHttp.Answer broken = RawHttp.send(port, "POST /api/v1/requests HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + memberToken() + "\r\nContent-Type: application/json", "{\"title\": ");
        assertThat(problem(broken, 400, "MALFORMED_JSON").get("detail").asString()).contains("JSON");
    }

    @Test
    @DisplayName("out-of-range numbers are refused with the allowed range, never clamped, and change nothing")
    void outOfRange() {
        JsonNode negative = problem(api().get("/api/v1/materials?page=-1"), 400, "OUT_OF_RANGE");
        assertThat(negative.get("field").asString()).isEqualTo("page");
        assertThat(negative.get("detail").asString()).contains("0 到 500", "-1");
        assertThat(problem(api().get("/api/v1/materials?page=999999999"), 400, "OUT_OF_RANGE").get("detail").asString())
                .contains("999999999");
        assertThat(problem(api().get("/api/v1/materials?size=0"), 400, "OUT_OF_RANGE").get("field").asString())
                .isEqualTo("size");
        assertThat(problem(api().get("/api/v1/passages?q=讲话&size=101"), 400, "OUT_OF_RANGE").get("detail").asString())
                .contains("1 到 100");
        assertThat(problem(api().get("/api/v1/materials?year=20240"), 400, "OUT_OF_RANGE").get("field").asString())
                .isEqualTo("year");
        assertThat(problem(api().inLanguage("en").get("/api/v1/materials?page=-1"), 400, "OUT_OF_RANGE")
                .get("detail").asString()).contains("between 0 and 500");

        Api member = api().as(memberToken());
        JsonNode limit = problem(member.get("/api/v1/notifications?limit=-5"), 400, "OUT_OF_RANGE");
        assertThat(limit.get("field").asString()).isEqualTo("limit");
        assertThat(limit.get("detail").asString()).contains("1 到 100", "-5");
        problem(member.get("/api/v1/requests?limit=0"), 400, "OUT_OF_RANGE");
        Api admin = api().asAdmin();
        problem(admin.get("/api/v1/admin/deliveries?limit=20000"), 400, "OUT_OF_RANGE");
        problem(admin.get("/api/v1/admin/audit?limit=0"), 400, "OUT_OF_RANGE");
        assertThat(admin.get("/api/v1/admin/audit?limit=5").status()).isEqualTo(200);

        JsonNode follows = member.get("/api/v1/me/follows").json();
        List<String> many = java.util.stream.IntStream.range(0, 3000).mapToObj(i -> "专题" + i).toList();
        JsonNode tooMany = problem(member.put("/api/v1/me/follows", Map.of("kinds", List.of("讲话稿"), "topics", many)),
                400, "OUT_OF_RANGE");
        assertThat(tooMany.get("field").asString()).isEqualTo("topics");
        assertThat(tooMany.get("detail").asString()).contains("50", "3000");
        assertThat(member.get("/api/v1/me/follows").json()).as("nothing changed").isEqualTo(follows);
    }

    @Test
    @DisplayName("a grant starting in year 99999 is refused naming startsAt and the range; the member gets nothing")
    void grantFarAhead() {
        Api admin = api().asAdmin();
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "远期", "durationDays", 30, "backCatalogDays", 365))
                .json().get("id").asString();
        Api member = api().as(memberToken());
        String userId = member.userId();
        JsonNode far = problem(admin.post("/api/v1/admin/users/" + userId + "/grant",
                Map.of("planId", planId, "startsAt", "+99999-01-01T00:00:00+08:00")), 400, "OUT_OF_RANGE");
        assertThat(far.get("field").asString()).isEqualTo("startsAt");
        assertThat(far.get("detail").asString()).contains("1900-01-01", "9999-12-31");
        assertThat(member.get("/api/v1/me").json().get("membership").isNull()).isTrue();
        assertThat(admin.post("/api/v1/admin/users/" + userId + "/grant",
                Map.of("planId", planId, "startsAt", "2024-03-15")).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a write with the session cookie but no CSRF token is a problem that says so, on the API")
    void csrfOnApi() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String email = "c" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        api().newMember(email);
        signIn(browser, email);
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/me/redeem"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"ABCDEFGHJKLMNPQRSTUV\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("code").asString()).isEqualTo("CSRF_TOKEN_INVALID");
        assertThat(body.get("detail").asString()).contains("CSRF");
    }

    @Test
    @DisplayName("error pages carry the site's name and who is signed in; /error itself is an unknown page")
    void errorPages() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> direct = get(browser, "/error");
        assertThat(direct.statusCode()).isEqualTo(404);
        assertThat(title(direct.body())).isEqualTo("未找到 · " + SITE);
        assertThat(direct.body()).doesNotContain("999", "null");

        String email = "p" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        api().newMember(email);
        signIn(browser, email);
        for (String path : List.of("/materials/no-such-material", "/no/such/page", "/error", "/materials?page=-1")) {
            HttpResponse<String> page = get(browser, path);
            assertThat(page.statusCode()).as(path).isIn(400, 404);
            assertThat(title(page.body())).as(path).endsWith(" · " + SITE).doesNotContain("null");
            assertThat(page.body()).as(path).contains("笔杆子").doesNotContain(">登录<", ">注册<");
        }
        assertThat(get(browser, "/materials?page=-1").body()).contains("page", "0 到 500");

        // Spring Security's refusal goes through the container's error dispatch.
        HttpResponse<String> noToken = browser.send(HttpRequest.newBuilder(URI.create(base() + "/logout"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(title(noToken.body())).isEqualTo("无权访问 · " + SITE);
        assertThat(noToken.body()).contains("刷新页面").doesNotContain(">登录<");
    }

    @Test
    @DisplayName("a database failure in the bearer filter or behind redeem is a problem, not Spring's default JSON")
    void databaseFailures() {
        String token = memberToken();
        jdbc.sql("ALTER TABLE api_tokens RENAME TO api_tokens_away").update();
        try {
            JsonNode body = problem(api().as(token).get("/api/v1/me"), 500, "INTERNAL_ERROR");
            assertThat(body.has("timestamp")).as("not Spring Boot's default error body").isFalse();
            assertThat(body.get("detail").asString()).doesNotContain("api_tokens", "SQL");
        } finally {
            jdbc.sql("ALTER TABLE api_tokens_away RENAME TO api_tokens").update();
        }
        Api member = api().as(token);
        jdbc.sql("ALTER TABLE activation_codes RENAME TO activation_codes_away").update();
        try {
            problem(member.post("/api/v1/me/redeem", Map.of("code", "ABCDEFGHJKLMNPQRSTUV")), 500, "INTERNAL_ERROR");
        } finally {
            jdbc.sql("ALTER TABLE activation_codes_away RENAME TO activation_codes").update();
        }
        assertThat(member.get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a URL or header over Tomcat's limit is answered in our format too, not Tomcat's HTML")
    void overLongRequests() {
        String query = "q=" + "%E8%AE%B2".repeat(15_000); // 135 KB, over the 128 KB limit
        RawHttp.Answer apiUrl = RawHttp.get(port, "/api/v1/materials?" + query, "Host: 127.0.0.1");
        assertThat(problem(apiUrl, 400, "BAD_REQUEST").get("detail").asString()).contains("128KB");
        assertThat(apiUrl.body()).doesNotContain("Apache Tomcat", "<html");

        RawHttp.Answer apiHeader = RawHttp.get(port, "/api/v1/materials", "Host: 127.0.0.1",
                "Cookie: big=" + "x".repeat(140_000));
        problem(apiHeader, 400, "BAD_REQUEST");

        // The path was read, the headers were too many: a page in the browser.
        RawHttp.Answer pageHeader = RawHttp.get(port, "/materials", "Host: 127.0.0.1",
                "Cookie: big=" + "x".repeat(140_000));
        assertThat(pageHeader.status()).isEqualTo(400);
        assertThat(pageHeader.header("Content-Type").orElse("")).startsWith("text/html");
        assertThat(title(pageHeader.body())).isEqualTo("请求有误 · " + SITE);
        assertThat(pageHeader.body()).contains("128KB").doesNotContain("Apache Tomcat", "HTTP Status");
        assertThat(pageHeader.header("Content-Security-Policy").orElse("")).contains("default-src 'self'");
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private HttpResponse<String> get(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void signIn(HttpClient browser, String email) throws Exception {
        String form = Map.of("_csrf", csrf(get(browser, "/login").body()), "email", email, "password", Api.MEMBER_PASSWORD)
                .entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String title(String html) {
        Matcher m = Pattern.compile("<title>([^<]*)</title>").matcher(html);
        return m.find() ? m.group(1) : "";
    }
}
