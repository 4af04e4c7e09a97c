package org.scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Error pages are the site's pages: its name in the title, and the header of whoever is signed in. */
class ErrorPagesTest extends IntegrationTest {

    private static final String SITE = "笔杆子文库";

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("a signed-in reader's 404, 403, 422 and 500 pages keep the site's name and their own header, bell included")
    void signedIn() {
        String id = freeMaterial();
        String email = "e" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        api().newMember(email);
        jdbc.sql("UPDATE users SET display_name = ? WHERE email = ?").param("县委办小王").param(email).update();
        WebSession browser = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);

        Map<String, Integer> pages = new LinkedHashMap<>();
        pages.put("/no/such/page", 404);
        pages.put("/materials/no-such-material", 404);
        pages.put("/admin/materials", 403);
        pages.put("/materials/" + id + "/download?format=exe", 422);
        pages.forEach((path, status) -> ownHeader(browser.get(path), path, status));

        // A failure nobody foresaw (here the ledger's table is gone) is a 500 page, still the reader's.
        jdbc.sql("ALTER TABLE deliveries RENAME TO deliveries_away").update();
        try {
            ownHeader(browser.get("/materials/" + id), "/materials/" + id, 500);
        } finally {
            jdbc.sql("ALTER TABLE deliveries_away RENAME TO deliveries").update();
        }
        assertThat(browser.get("/materials/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("a visitor's error page keeps the site's name and offers 登录 and 注册")
    void anonymous() {
        HttpResponse<String> page = new WebSession(port).get("/no/such/page");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(title(page.body())).isEqualTo("未找到 · " + SITE);
        assertThat(page.body()).contains(">登录<", ">注册<").doesNotContain(">退出<", "id=\"bell\"", "null");
    }

    private static void ownHeader(HttpResponse<String> page, String path, int status) {
        assertThat(page.statusCode()).as(path).isEqualTo(status);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
        assertThat(title(page.body())).as(path).endsWith(" · " + SITE).doesNotContain("null");
        assertThat(page.body()).as(path)
                .contains("class=\"brand\" href=\"/\">" + SITE + "<", ">县委办小王<", ">退出<", "id=\"bell\"")
                .doesNotContain(">登录<", ">注册<");
    }

    private String freeMaterial() {
        Api.Response r = api().asAdmin().multipart("POST", "/api/v1/admin/materials",
                Map.of("text", Speeches.RURAL_MEETING, "tier", "FREE"), null, null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("materialId").asString();
    }

    private static String title(String html) {
        Matcher m = Pattern.compile("<title>([^<]*)</title>").matcher(html);
        return m.find() ? m.group(1) : "";
    }
}
