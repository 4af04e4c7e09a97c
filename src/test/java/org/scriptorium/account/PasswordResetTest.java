package org.scriptorium.account;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.WithMailServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A forgotten password reset through a letter read from a real SMTP server (GreenMail). */
class PasswordResetTest extends IntegrationTest implements WithMailServer {

    @Autowired
    JdbcClient jdbc;

    private static String email() {
        return "r" + UUID.randomUUID().toString().substring(0, 8) + "@mail.test";
    }

    /** A client from an address of its own, so that the limit per network is this test's alone. */
    private Api client() {
        return api().from(Api.freshLoopbackAddress());
    }

    private static String token(String link) {
        String query = URI.create(link).getRawQuery();
        return URLDecoder.decode(query.substring(query.indexOf("token=") + 6), StandardCharsets.UTF_8);
    }

    /** Asks for a reset letter and returns its link, read from the SMTP server. */
    private String resetLink(Api client, String email, int letterNumber) {
        assertThat(client.post("/api/v1/password/forgot", Map.of("email", email)).status()).isEqualTo(202);
        MimeMessage letter = MailServer.awaitLetters(email, "重置密码", letterNumber).get(letterNumber - 1);
        return MailServer.link(letter, "/password/reset");
    }

    @Test
    @DisplayName("the letter's link sets a new password once: the old password, sessions and tokens stop working, and the link is then invalid")
    void resetOnce() throws Exception {
        String email = email();
        Api member = api().newMember(email);
        WebSession oldSession = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        String link = resetLink(client(), email, 1);
        MimeMessage letter = MailServer.lettersTo(email, "重置密码").getFirst();
        assertThat(letter.getSubject()).contains("重置密码");
        assertThat(MailServer.text(letter)).contains("30 分钟").contains(email);
        String token = token(link);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_links WHERE token_hash = ?").param(OneTimeLink.hash(token))
                .query(Long.class).single()).as("the hash is stored").isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_links WHERE token_hash = ? OR email = ?").params(token, token)
                .query(Long.class).single()).as("the token itself is not").isZero();

        HttpResponse<String> page = new WebSession(port).get(URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery());
        assertThat(page.body()).contains("id=\"reset-form\"");

        Api.Response weak = client().post("/api/v1/password/reset", Map.of("token", token, "newPassword", "password"));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.json().get("code").asString()).isEqualTo("WEAK_PASSWORD");
        assertThat(client().post("/api/v1/password/reset", Map.of("token", token, "newPassword", "新的密码-2026")).status())
                .as("a refused password leaves the link working").isEqualTo(204);

        Api.Response again = client().post("/api/v1/password/reset", Map.of("token", token, "newPassword", "又一个密码-2027"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("code").asString()).isEqualTo("RESET_LINK_INVALID");
        assertThat(api().post("/api/v1/auth/token", Map.of("email", email, "password", Api.MEMBER_PASSWORD)).status())
                .isEqualTo(401);
        assertThat(api().token(email, "新的密码-2026")).isNotBlank();
        assertThat(member.get("/api/v1/me").status()).as("the old API token ended").isEqualTo(401);
        assertThat(oldSession.get("/me").statusCode()).as("the old browser session ended").isEqualTo(302);
        assertThat(new WebSession(port).get(URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery()).body())
                .doesNotContain("id=\"reset-form\"").contains("重置链接无效");
    }

    @Test
    @DisplayName("asking for an unknown address answers exactly as for a known one and sends nothing")
    void unknownAddress() {
        String known = email();
        api().newMember(known);
        String unknown = email();
        Api client = client();
        Api.Response forUnknown = client.post("/api/v1/password/forgot", Map.of("email", unknown));
        Api.Response forKnown = client.post("/api/v1/password/forgot", Map.of("email", known));
        assertThat(forUnknown.status()).isEqualTo(forKnown.status()).isEqualTo(202);
        assertThat(forUnknown.text()).isEqualTo(forKnown.text());
        MailServer.awaitLetters(known, "重置密码", 1); // sent after the unknown one would have been
        assertThat(MailServer.lettersTo(unknown)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = ?").param(unknown).query(Long.class)
                .single()).isZero();
    }

    @Test
    @DisplayName("an expired link, an unknown token and the older of two links are all RESET_LINK_INVALID and change nothing")
    void invalidLinks() {
        String email = email();
        api().newMember(email);
        Api client = client();
        String first = token(resetLink(client, email, 1));
        String second = token(resetLink(client, email, 2));
        Api.Response older = client.post("/api/v1/password/reset", Map.of("token", first, "newPassword", "新的密码-2026"));
        assertThat(older.json().get("code").asString()).as("a newer letter replaces the older link")
                .isEqualTo("RESET_LINK_INVALID");
        jdbc.sql("UPDATE account_links SET expires_at = ? WHERE token_hash = ?")
                .params(Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC), OneTimeLink.hash(second)).update();
        Api.Response expired = client.post("/api/v1/password/reset", Map.of("token", second, "newPassword", "新的密码-2026"));
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().get("code").asString()).isEqualTo("RESET_LINK_INVALID");
        assertThat(client.post("/api/v1/password/reset", Map.of("token", "x".repeat(43), "newPassword", "新的密码-2026"))
                .json().get("code").asString()).isEqualTo("RESET_LINK_INVALID");
        assertThat(api().token(email, Api.MEMBER_PASSWORD)).as("the password is unchanged").isNotBlank();
    }

    @Test
    @DisplayName("three letters an hour per address, known or not: the fourth request is refused with TOO_MANY_ATTEMPTS")
    void limitedPerAddress() {
        String unknown = email();
        for (int i = 0; i < PasswordResets.PER_EMAIL; i++) {
            assertThat(client().post("/api/v1/password/forgot", Map.of("email", unknown)).status()).isEqualTo(202);
        }
        Api.Response refused = client().post("/api/v1/password/forgot", Map.of("email", unknown));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("code").asString()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(refused.header("Retry-After")).isPresent();
    }

    @Test
    @DisplayName("twenty requests an hour per network, whatever the addresses: the next is refused")
    void limitedPerNetwork() {
        Api client = client();
        for (int i = 0; i < PasswordResets.PER_NETWORK; i++) {
            assertThat(client.post("/api/v1/password/forgot", Map.of("email", email())).status()).isEqualTo(202);
        }
        assertThat(client.post("/api/v1/password/forgot", Map.of("email", email())).status()).isEqualTo(429);
    }
}
