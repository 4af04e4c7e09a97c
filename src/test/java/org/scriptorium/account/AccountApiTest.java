package org.scriptorium.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;

class AccountApiTest extends IntegrationTest {

    private static String email() {
        return "a" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    @Test
    @DisplayName("a registered member gets a token and sees themselves with no membership")
    void registerAndMe() {
        String email = email();
        Api.Response registered = api().post("/api/v1/auth/register",
                Map.of("email", email, "password", "long-enough-1", "displayName", "县委办小王"));
        assertThat(registered.status()).isEqualTo(202);
        assertThat(registered.json().get("status").asString()).isEqualTo("ACCEPTED");

        Api.Response me = api().as(api().token(email, "long-enough-1")).get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("userId").asString()).isNotBlank();
        assertThat(me.json().get("displayName").asString()).isEqualTo("县委办小王");
        assertThat(me.json().get("roles").toString()).contains("MEMBER");
        assertThat(me.json().get("membership").isNull()).isTrue();
    }

    @Test
    @DisplayName("the first administrator comes from the environment")
    void firstAdministrator() {
        Api.Response me = api().asAdmin().get("/api/v1/me");
        assertThat(me.json().get("roles").toString()).contains("ADMIN");
    }

    @Test
    @DisplayName("a wrong password is answered with problem+json in Chinese, or in English when asked")
    void wrongPassword() {
        String email = email();
        api().post("/api/v1/auth/register", Map.of("email", email, "password", "long-enough-1", "displayName", "甲"));
        Api.Response zh = api().post("/api/v1/auth/token", Map.of("email", email, "password", "wrong-password"));
        assertThat(zh.status()).isEqualTo(401);
        assertThat(zh.contentType()).startsWith("application/problem+json");
        assertThat(zh.json().get("code").asString()).isEqualTo("BAD_CREDENTIALS");
        assertThat(zh.json().get("detail").asString()).isEqualTo("邮箱或密码错误。");

        Api.Response en = api().inLanguage("en").post("/api/v1/auth/token", Map.of("email", email, "password", "wrong-password"));
        assertThat(en.json().get("detail").asString()).isEqualTo("Wrong e-mail address or password.");
    }

    @Test
    @DisplayName("sign-in is refused after five failures, even with the right password")
    void throttled() {
        String email = email();
        api().post("/api/v1/auth/register", Map.of("email", email, "password", "long-enough-1", "displayName", "乙"));
        for (int i = 0; i < 5; i++) {
            assertThat(api().post("/api/v1/auth/token", Map.of("email", email, "password", "guess-" + i)).status()).isEqualTo(401);
        }
        Api.Response locked = api().post("/api/v1/auth/token", Map.of("email", email, "password", "long-enough-1"));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.json().get("code").asString()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(locked.header("Retry-After")).isPresent();
    }

    @Test
    @DisplayName("registering a taken address answers exactly as a new one, and changes nothing about the account")
    void takenAddressRevealsNothing() {
        String email = email();
        Api.Response first = api().post("/api/v1/auth/register", Map.of("email", email, "password", "long-enough-1", "displayName", "丙"));
        Api.Response taken = api().post("/api/v1/auth/register", Map.of("email", email.toUpperCase(), "password", "other-secret-2", "displayName", "冒名者"));
        Api.Response fresh = api().post("/api/v1/auth/register", Map.of("email", email(), "password", "other-secret-2", "displayName", "丁"));
        assertThat(taken.status()).isEqualTo(first.status()).isEqualTo(fresh.status()).isEqualTo(202);
        assertThat(taken.contentType()).isEqualTo(fresh.contentType());
        assertThat(taken.text()).isEqualTo(first.text()).isEqualTo(fresh.text());
        assertThat(taken.json().get("message").asString()).contains("注册申请已受理");

        assertThat(api().post("/api/v1/auth/token", Map.of("email", email, "password", "other-secret-2")).status())
                .as("the second password was not set").isEqualTo(401);
        Api.Response me = api().as(api().token(email, "long-enough-1")).get("/api/v1/me");
        assertThat(me.json().get("displayName").asString()).isEqualTo("丙");
    }

    @Test
    @DisplayName("registration refuses weak passwords naming the rule, and an invalid address, creating nothing")
    void badRegistrations() {
        Map<String, String> rules = Map.of("short", "TOO_SHORT", "12345678", "COMMON", "        ", "BLANK",
                "zzzzzzzzzz", "ONE_CHARACTER", "Password1", "COMMON");
        rules.forEach((password, rule) -> {
            String email = email();
            Api.Response r = api().post("/api/v1/auth/register", Map.of("email", email, "password", password, "displayName", "丙"));
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().get("code").asString()).isEqualTo("WEAK_PASSWORD");
            assertThat(r.json().get("rule").asString()).isEqualTo(rule);
            // From an address of its own: these failures are not to use up 127.0.0.1's sign-in allowance.
            assertThat(api().from(Api.freshLoopbackAddress()).post("/api/v1/auth/token", Map.of("email", email, "password", password)).status())
                    .as("no account was made").isEqualTo(401);
        });
        Api.Response common = api().post("/api/v1/auth/register", Map.of("email", email(), "password", "12345678", "displayName", "丙"));
        assertThat(common.json().get("detail").asString()).isEqualTo("该密码过于常见，很容易被猜中，请换一个。");
        assertThat(api().post("/api/v1/auth/register", Map.of("email", "not-an-address", "password", "long-enough-1", "displayName", "丙"))
                .status()).isEqualTo(422);
    }

    @Test
    @DisplayName("calls without a token, or with an unknown one, get 401; members get 403 on operator endpoints")
    void unauthenticated() {
        assertThat(api().get("/api/v1/me").status()).isEqualTo(401);
        Api.Response bad = api().as("sct_not-a-real-token").get("/api/v1/me");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.json().get("code").asString()).isEqualTo("UNAUTHENTICATED");
        Api.Response forbidden = api().newMember().post("/api/v1/admin/plans", Map.of("name", "x", "durationDays", 1));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("a malformed JSON body is a 400 problem, not a server error")
    void malformedBody() {
        Api.Response r = api().post("/api/v1/auth/register", "not json at all");
        assertThat(r.status()).isEqualTo(400);
    }
}
