package org.scriptorium.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.WithMailServer;

/** Registration signs in and sends a verification letter, read from a real SMTP server (GreenMail). */
class EmailVerificationTest extends IntegrationTest implements WithMailServer {

    private static String email() {
        return "v" + UUID.randomUUID().toString().substring(0, 8) + "@mail.test";
    }

    private static String pathOf(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    @Test
    @DisplayName("registering signs in at once; /me says 邮箱未验证 until the letter's link is followed, then 邮箱已验证; the link works once")
    void registerAndVerify() {
        String email = email();
        WebSession browser = new WebSession(port);
        HttpResponse<String> registered = browser.postForm("/register", "/register",
                Map.of("email", email, "password", "县委办笔杆子-1", "displayName", "新会员"));
        assertThat(registered.statusCode()).isEqualTo(302);
        assertThat(registered.headers().firstValue("Location").orElse("")).endsWith("/me");
        String me = browser.get("/me").body();
        assertThat(me).contains("注册成功，已为您登录").contains("邮箱未验证").doesNotContain("邮箱已验证");

        String link = MailServer.link(MailServer.awaitLetters(email, "验证邮箱", 1).getFirst(), "/email/verify");
        assertThat(new WebSession(port).get(pathOf(link)).body()).contains("邮箱已验证，谢谢。");
        assertThat(browser.get("/me").body()).contains("邮箱已验证").doesNotContain("邮箱未验证");
        assertThat(new WebSession(port).get(pathOf(link)).body()).contains("验证链接无效或已过期");
    }

    @Test
    @DisplayName("a member asks for the letter again on the API: a new link, three times an hour; a verified address is told so")
    void resend() {
        String email = email();
        Api member = api().newMember(email);
        MailServer.awaitLetters(email, "验证邮箱", 1);
        for (int i = 0; i < 3; i++) {
            assertThat(member.post("/api/v1/me/email/verification", Map.of()).status()).isEqualTo(202);
        }
        assertThat(member.post("/api/v1/me/email/verification", Map.of()).status()).isEqualTo(429);
        String newest = MailServer.link(MailServer.awaitLetters(email, "验证邮箱", 4).get(3), "/email/verify");
        String oldest = MailServer.link(MailServer.lettersTo(email, "验证邮箱").getFirst(), "/email/verify");
        String oldToken = URI.create(oldest).getRawQuery().substring("token=".length());
        assertThat(api().post("/api/v1/email/verify", Map.of("token", oldToken)).json().get("code").asString())
                .as("a newer letter replaces the older link").isEqualTo("VERIFY_LINK_INVALID");
        String token = URI.create(newest).getRawQuery().substring("token=".length());
        assertThat(api().post("/api/v1/email/verify", Map.of("token", token)).status()).isEqualTo(204);
        Api.Response already = member.post("/api/v1/me/email/verification", Map.of());
        assertThat(already.status()).isEqualTo(409);
        assertThat(already.json().get("code").asString()).isEqualTo("EMAIL_ALREADY_VERIFIED");
    }
}
