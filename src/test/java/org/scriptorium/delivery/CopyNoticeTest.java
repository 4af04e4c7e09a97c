package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The deterrent: every copy tells its reader, in one plain line, that it is theirs and can be traced. */
class CopyNoticeTest extends IntegrationTest {

    private static final String SITE = "笔杆子文库";

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("the reading page, the API and the TXT download carry one line naming the member's copy and the site")
    void noticeOnEveryCopy() {
        Api admin = api().asAdmin();
        Api.Response imported = admin.multipart("POST", "/api/v1/admin/materials",
                Map.of("text", Speeches.RURAL_MEETING, "tier", "FREE"), null, null);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        String id = imported.json().get("materialId").asString();
        String email = "n" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        Api member = api().newMember(email);
        long number = jdbc.sql("SELECT member_number FROM users WHERE email = ?").param(email).query(Long.class).single();
        String notice = "本文为会员 " + number + " 的个人副本，含可追溯标记，外传必究 · " + SITE;

        HttpResponse<String> page = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD).get("/materials/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"copy-notice\" role=\"note\">" + notice + "</p>")
                .contains("data-notice=\"" + notice + "\"");

        JsonNode reading = member.get("/api/v1/materials/" + id).json();
        assertThat(reading.get("notice").asString()).isEqualTo(notice);
        assertThat(reading.get("text").asString()).endsWith("\n" + notice);

        Api.Response txt = member.get("/api/v1/materials/" + id + "/download?format=txt");
        assertThat(txt.status()).isEqualTo(200);
        String text = new String(txt.bytes(), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n\r\n" + notice + "\r\n");

        // Someone who may only see the preview gets no copy, so no notice either.
        JsonNode anonymous = api().get("/api/v1/materials/" + id).json();
        assertThat(anonymous.has("notice")).isFalse();
    }

    @Test
    @DisplayName("the notice fits one footer line: at most 40 characters besides the site's name, member number kept")
    void noticeLength() {
        String notice = PersonalisedCopies.notice(4_294_967_295L, SITE);
        assertThat(notice).contains("4294967295").endsWith(" · " + SITE);
        assertThat(notice.length() - SITE.length()).isLessThanOrEqualTo(40);
    }
}
