package org.scriptorium.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.WebSession;

/** Registration and password pages over real HTTP, and the password change on the API. */
class AccountPagesTest extends IntegrationTest {

    private static String email() {
        return "p" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    /** What the sign-in page says right after registering through the form. */
    private String registerThroughPage(String email, String password, String name) {
        WebSession browser = new WebSession(port);
        HttpResponse<String> posted = browser.postForm("/register", "/register",
                Map.of("email", email, "password", password, "displayName", name));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElse("")).endsWith("/login");
        return browser.get("/login").body();
    }

    @Test
    @DisplayName("the registration page says the same for a taken address as for a new one")
    void registrationPageRevealsNothing() {
        String taken = email();
        api().newMember(taken);
        String forTaken = registerThroughPage(taken, "another-secret-3", "冒名者");
        String forNew = registerThroughPage(email(), "another-secret-3", "新人");
        assertThat(forTaken).contains(AccountPages.REGISTERED);
        assertThat(forNew).contains(AccountPages.REGISTERED);
        assertThat(api().post("/api/v1/auth/token", Map.of("email", taken, "password", "another-secret-3")).status())
                .as("the taken account's password is unchanged").isEqualTo(401);
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
}
