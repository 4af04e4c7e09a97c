package org.scriptorium.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ways in to consultation on the pages, and the form's refusals: what a person finds where they are stuck. */
class ConsultationPagesTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private static String email() {
        return "p" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    @Test
    @DisplayName("the link is in the footer of every page, on error pages, on the paywall and on /me")
    void waysIn() {
        WebSession visitor = new WebSession(port);
        assertThat(visitor.get("/").body()).contains("id=\"footer-consult\"", "href=\"/consultations/new\"");
        HttpResponse<String> missing = visitor.get("/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("id=\"error-consult\"").contains("/consultations/new?subject=");

        String material = api().asAdmin().multipart("POST", "/api/v1/admin/materials", Map.of("text",
                Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique()), "tier", "MEMBER"), null, null)
                .json().get("materialId").asString();
        String email = email();
        api().newMember(email);
        WebSession member = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        assertThat(member.get("/materials/" + material).body()).contains("id=\"paywall-consult\"");
        assertThat(member.get("/me").body()).contains("id=\"me-consult\"", "href=\"/me/consultations\"");
    }

    @Test
    @DisplayName("a suspended member is shown the way to the operator in the notice, and can send a question")
    void suspendedMemberWrites() {
        String email = email();
        String userId = api().newMember(email).userId();
        api().asAdmin().post("/api/v1/admin/users/" + userId + "/suspend", Map.of("reason", "倒卖资料"));
        WebSession suspended = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        assertThat(suspended.get("/").body()).contains("id=\"suspended-consult\"");

        HttpResponse<String> sent = suspended.postForm("/consultations/new", "/consultations/new",
                Map.of("subject", "账号暂停申诉", "text", "我没有倒卖，请核实。", "website", ""));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        String location = sent.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/consultations/");
        HttpResponse<String> thread = suspended.get(location.substring(location.indexOf("/consultations/")));
        assertThat(thread.statusCode()).isEqualTo(200);
        assertThat(thread.body()).contains("我没有倒卖，请核实。", "待回复");
        assertThat(suspended.get("/me/consultations").body()).contains("账号暂停申诉");
    }

    @Test
    @DisplayName("a filled-in honeypot or a missing address is refused on the form, with what was typed kept, and nothing is sent")
    void refusedOnTheForm() {
        WebSession visitor = new WebSession(port);
        String email = email();
        HttpResponse<String> bot = visitor.postForm("/consultations/new", "/consultations/new",
                Map.of("email", email, "text", "便宜激活码，加微信", "website", "http://spam.example"));
        assertThat(bot.statusCode()).isEqualTo(200);
        assertThat(bot.body()).contains("提交未被接受", "便宜激活码，加微信");
        HttpResponse<String> noAddress = visitor.postForm("/consultations/new", "/consultations/new",
                Map.of("text", "请问怎么续费？", "website", ""));
        assertThat(noAddress.body()).contains("请留下邮箱", "请问怎么续费？");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = ?").param(email).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM consultations WHERE visitor_email = ?").param(email).query(Long.class)
                .single()).isZero();
    }
}
