package org.scriptorium.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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

/** Registration and password pages over real HTTP, and the password change on the API. */
class AccountPagesTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private static String email() {
        return "p" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    @Test
    @DisplayName("registering signs the new member in and goes on to ?next=; a taken address with another password signs nobody in and changes nothing")
    void registrationSignsIn() {
        WebSession newcomer = new WebSession(port);
        HttpResponse<String> created = newcomer.postForm("/register", "/register",
                Map.of("email", email(), "password", "another-secret-3", "displayName", "新人", "next", "/materials"));
        assertThat(created.headers().firstValue("Location").orElse("")).endsWith("/materials");
        assertThat(newcomer.get("/me").statusCode()).as("signed in").isEqualTo(200);

        String taken = email();
        api().newMember(taken);
        WebSession impostor = new WebSession(port);
        HttpResponse<String> refused = impostor.postForm("/register", "/register",
                Map.of("email", taken, "password", "another-secret-3", "displayName", "冒名者"));
        assertThat(refused.headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThat(impostor.get("/login").body()).contains(AccountPages.REGISTERED);
        assertThat(impostor.get("/me").statusCode()).as("not signed in").isEqualTo(302);
        assertThat(api().post("/api/v1/auth/token", Map.of("email", taken, "password", "another-secret-3")).status())
                .as("the taken account's password is unchanged").isEqualTo(401);

        WebSession owner = new WebSession(port);
        HttpResponse<String> again = owner.postForm("/register", "/register",
                Map.of("email", taken, "password", Api.MEMBER_PASSWORD, "displayName", "本人"));
        assertThat(again.headers().firstValue("Location").orElse("")).endsWith("/me");
        assertThat(owner.get("/me").body()).contains("该邮箱已注册，已用您输入的密码为您登录");
    }

    @Test
    @DisplayName("signing in returns to the page that asked for it, or to ?next= when it is a path here; never to another site")
    void signInReturns() {
        String email = email();
        api().newMember(email);
        WebSession asked = new WebSession(port);
        assertThat(asked.get("/me/notifications").headers().firstValue("Location").orElse("")).endsWith("/login");
        HttpResponse<String> back = asked.postForm("/login", "/login", Map.of("email", email, "password", Api.MEMBER_PASSWORD));
        assertThat(back.headers().firstValue("Location").orElse("")).contains("/me/notifications");

        String materialId = api().asAdmin().multipart("POST", "/api/v1/admin/materials",
                Map.of("text", Speeches.RURAL_MEETING), null, null).json().get("materialId").asString();
        assertThat(new WebSession(port).get("/materials/" + materialId).body()).as("the paywall's sign-in link")
                .contains("/login?next=/materials/" + materialId);
        assertThat(new WebSession(port).get("/login?next=/materials/abc").body()).contains("value=\"/materials/abc\"");
        HttpResponse<String> next = new WebSession(port).postForm("/login", "/login",
                Map.of("email", email, "password", Api.MEMBER_PASSWORD, "next", "/materials/abc?q=1"));
        assertThat(next.headers().firstValue("Location").orElse("")).endsWith("/materials/abc?q=1");
        for (String elsewhere : new String[] {"//evil.example/x", "https://evil.example/", "/\\evil.example"}) {
            HttpResponse<String> home = new WebSession(port).postForm("/login", "/login",
                    Map.of("email", email, "password", Api.MEMBER_PASSWORD, "next", elsewhere));
            assertThat(home.headers().firstValue("Location").orElse("")).as(elsewhere)
                    .doesNotContain("evil").endsWith("/");
        }
        HttpResponse<String> failed = new WebSession(port).postForm("/login", "/login",
                Map.of("email", email, "password", "wrong-password", "next", "/materials/abc"));
        assertThat(failed.headers().firstValue("Location").orElse("")).as("a failed try keeps where to go")
                .contains("error=bad").contains("next=%2Fmaterials%2Fabc");
    }

    @Test
    @DisplayName("the registration page refuses a common password in Chinese and keeps what was typed")
    void registrationPageWeakPassword() {
        WebSession browser = new WebSession(port);
        String email = email();
        HttpResponse<String> page = browser.postForm("/register", "/register",
                Map.of("email", email, "password", "iloveyou", "displayName", "小王"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("该密码过于常见，很容易被猜中，请换一个。").contains(email);
    }

    @Test
    @DisplayName("a member changes their password on the API: the rules apply, the current password must be right, the old one stops working")
    void changePasswordApi() {
        String email = email();
        Api member = api().newMember(email);
        Api.Response weak = member.post("/api/v1/me/password", Map.of("currentPassword", Api.MEMBER_PASSWORD, "newPassword", "11111111"));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.json().get("code").asString()).isEqualTo("WEAK_PASSWORD");
        assertThat(weak.json().get("rule").asString()).isEqualTo("ONE_CHARACTER");
        Api.Response wrong = member.post("/api/v1/me/password", Map.of("currentPassword", "not-my-password", "newPassword", "a-new-secret-4"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().get("code").asString()).isEqualTo("WRONG_PASSWORD");
        assertThat(api().token(email, Api.MEMBER_PASSWORD)).as("nothing changed yet").isNotBlank();

        assertThat(member.post("/api/v1/me/password", Map.of("currentPassword", Api.MEMBER_PASSWORD, "newPassword", "a-new-secret-4"))
                .status()).isEqualTo(204);
        assertThat(api().post("/api/v1/auth/token", Map.of("email", email, "password", Api.MEMBER_PASSWORD)).status()).isEqualTo(401);
        assertThat(api().token(email, "a-new-secret-4")).isNotBlank();
        assertThat(api().post("/api/v1/me/password", Map.of("currentPassword", "x", "newPassword", "y")).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("the password page refuses a weak new password in Chinese, and changes a good one")
    void changePasswordPage() {
        String email = email();
        api().newMember(email);
        WebSession browser = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        HttpResponse<String> weak = browser.postForm("/me/password", "/me/password",
                Map.of("currentPassword", Api.MEMBER_PASSWORD, "newPassword", "        "));
        assertThat(weak.body()).contains("密码不能只有空格。");
        HttpResponse<String> changed = browser.postForm("/me/password", "/me/password",
                Map.of("currentPassword", Api.MEMBER_PASSWORD, "newPassword", "县委办笔杆子的新密码"));
        assertThat(changed.headers().firstValue("Location").orElse("")).endsWith("/me");
        assertThat(browser.get("/me").body()).contains("密码已修改");
        assertThat(api().token(email, "县委办笔杆子的新密码")).isNotBlank();
    }

    @Test
    @DisplayName("without an SMTP host letters stay queued, and the administrators' outbox page lists them with their links cut short")
    void outboxWithoutSmtp() {
        String email = email();
        api().newMember(email);
        String body = jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = ? AND kind = 'EMAIL_VERIFICATION'")
                .param(email).query(String.class).single();
        Matcher token = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(body);
        assertThat(token.find()).isTrue();
        String page = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD).get("/admin/mail").body();
        assertThat(page).contains("未配置 SMTP 服务器").contains(email)
                .contains("token=" + token.group(1).substring(0, 4) + "…")
                .doesNotContain(token.group(1));
        // Every test context of this JVM shares one database, and a context with an SMTP server (WithMailServer) may
        // already have sent the letter: the page must show the state the row is in, whichever it is.
        boolean sent = jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = ? AND sent_at IS NOT NULL")
                .param(email).query(Long.class).single() == 1;
        assertThat(page).contains(sent ? "已发送" : "待发送");
    }
}
