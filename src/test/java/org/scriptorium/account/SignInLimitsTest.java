package org.scriptorium.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sign-in throttle over real HTTP, each test from a client address of its own (see {@link Api#from}). */
class SignInLimitsTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private static String email() {
        return "s" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    private static Api.Response token(Api client, String email, String password) {
        return client.post("/api/v1/auth/token", Map.of("email", email, "password", password));
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM attempt_counters").query(Long.class).single();
    }

    private static void assertRefused(Api.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(429);
        assertThat(r.json().get("code").asString()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(r.json().get("detail").asString()).matches("登录尝试过于频繁，请 \\d+ 分钟后再试。");
        long retryAfter = Long.parseLong(r.header("Retry-After").orElse("-1"));
        assertThat(retryAfter).as("Retry-After in seconds").isBetween(1L, 15L * 60);
    }

    @Test
    @DisplayName("of 10 concurrent wrong guesses for one address exactly 5 are checked; the rest, and then the right password, get 429 with Retry-After")
    void perEmailUnderConcurrency() throws Exception {
        String email = email();
        Api client = api().from(Api.freshLoopbackAddress());
        client.newMember(email);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Api.Response> answers = new ArrayList<>();
        try {
            List<Callable<Api.Response>> guesses = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String guess = "wrong-guess-" + i;
                guesses.add(() -> token(client, email, guess));
            }
            for (Future<Api.Response> f : pool.invokeAll(guesses)) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answers.stream().filter(r -> r.status() == 401).count()).isEqualTo(5);
        answers.stream().filter(r -> r.status() != 401).forEach(SignInLimitsTest::assertRefused);
        assertRefused(token(client, email, Api.MEMBER_PASSWORD));
        assertRefused(token(api().from(Api.freshLoopbackAddress()), email, Api.MEMBER_PASSWORD));
    }

    @Test
    @DisplayName("one client address may fail 30 times whatever addresses it names; then it is refused, made-up addresses add no rows, and other clients sign in")
    void perClientAddress() {
        String email = email();
        api().newMember(email);
        Api attacker = api().from(Api.freshLoopbackAddress());
        for (int i = 0; i < 30; i++) {
            assertThat(token(attacker, "made-up-" + i + "-" + email, "some-password").status()).isEqualTo(401);
        }
        assertRefused(token(attacker, email, Api.MEMBER_PASSWORD));
        long before = rows();
        for (int i = 0; i < 20; i++) {
            assertRefused(token(attacker, "more-made-up-" + i + "-" + email, "some-password"));
        }
        assertThat(rows()).as("a refused client address creates no rows").isEqualTo(before);
        assertThat(token(api().from(Api.freshLoopbackAddress()), email, Api.MEMBER_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("successful sign-ins do not count against a client address, and one clears the e-mail address's failures")
    void successesDoNotCount() {
        String email = email();
        Api office = api().from(Api.freshLoopbackAddress());
        office.newMember(email);
        for (int i = 0; i < 10; i++) {
            assertThat(token(office, email, Api.MEMBER_PASSWORD).status()).isEqualTo(200);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(token(office, email, "typo-" + i).status()).isEqualTo(401);
        }
        assertThat(token(office, email, Api.MEMBER_PASSWORD).status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(token(office, email, "typo-again-" + i).status()).as("the count started afresh").isEqualTo(401);
        }
        for (int i = 0; i < 22; i++) {
            assertThat(token(office, email(), "never-registered").status()).isEqualTo(401);
        }
        // 30 failures (8 typos, 22 unknown addresses) beside 11 successes: now the address is refused.
        assertRefused(token(office, email, Api.MEMBER_PASSWORD));
    }

    @Test
    @DisplayName("the sign-in page says how many minutes to wait")
    void signInPage() {
        String email = email();
        Api client = api().from(Api.freshLoopbackAddress());
        client.newMember(email);
        for (int i = 0; i < 5; i++) {
            token(client, email, "wrong-guess-" + i);
        }
        WebSession browser = new WebSession(port);
        HttpResponse<String> login = browser.postForm("/login", "/login", Map.of("email", email, "password", Api.MEMBER_PASSWORD));
        String location = login.headers().firstValue("Location").orElse("");
        assertThat(location).contains("/login?error=locked&wait=15");
        assertThat(browser.get(location.substring(location.indexOf("/login"))).body()).contains("登录尝试过于频繁，请 15 分钟后再试。");
    }
}
