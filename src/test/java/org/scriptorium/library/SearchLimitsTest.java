package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.Rejected;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.JsonNode;

/** The search rate limit and the bounded list of queries that found nothing, through HTTP. */
class SearchLimitsTest extends IntegrationTest {

    @Autowired
    SearchThrottle throttle;

    @Autowired
    SearchMisses misses;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Spends all of an account's searches from another address, as if it had searched elsewhere. */
    private void exhaust(String userId) {
        MockHttpServletRequest elsewhere = new MockHttpServletRequest("GET", "/api/v1/materials");
        elsewhere.setRemoteAddr("192.0.2." + (1 + (userId.hashCode() & 127)));
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(elsewhere, new MockHttpServletResponse()));
        try {
            for (int i = 0; i < 1_000; i++) {
                throttle.check(Optional.of(userId));
            }
            throw new AssertionError("never limited");
        } catch (Rejected limited) {
            assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }

    /**
     * Sends a request while the account's searches are spent: spent once before, and spent again by another thread the
     * moment one is earned back (every half second) until the answer comes, so a slow machine does not let it through.
     */
    private <T> T whileSpent(String userId, java.util.concurrent.Callable<T> request) throws Exception {
        exhaust(userId);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread spender = Thread.ofPlatform().start(() -> {
            MockHttpServletRequest elsewhere = new MockHttpServletRequest("GET", "/api/v1/materials");
            elsewhere.setRemoteAddr("192.0.2.250");
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(elsewhere, new MockHttpServletResponse()));
            while (!done.get()) {
                try {
                    throttle.check(Optional.of(userId));
                } catch (Rejected stillSpent) {
                    java.util.concurrent.locks.LockSupport.parkNanos(200_000); // a fifth of a millisecond: no busy core
                }
            }
        });
        try {
            return request.call();
        } finally {
            done.set(true);
            spender.join();
        }
    }

    @Test
    @DisplayName("an account that searched too often gets 429 RATE_LIMITED with Retry-After on the API and a Chinese page")
    void rateLimited() throws Exception {
        String email = "rate" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        Api member = api().newMember(email);
        String userId = member.userId();
        String token = api().token(email, Api.MEMBER_PASSWORD);
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/api/v1/materials?q=", "/api/v1/passages?q=")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + q("讲话")))
                    .header("Authorization", "Bearer " + token).build();
            HttpResponse<String> r = whileSpent(userId, () -> http.send(request, HttpResponse.BodyHandlers.ofString()));
            assertThat(r.statusCode()).as(path).isEqualTo(429);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(r.body()).contains("\"code\":\"RATE_LIMITED\"", "秒后再试");
            assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        }

        WebSession page = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        HttpResponse<String> r = whileSpent(userId, () -> page.get("/materials?q=" + q("讲话")));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.body()).contains("搜索太频繁了");
        // others, and this account's reading, are not affected
        assertThat(api().newMember().get("/api/v1/materials?q=" + q("讲话")).status()).isEqualTo(200);
        assertThat(member.get("/api/v1/me").status()).isEqualTo(200);
    }

    private List<String> stored() {
        return jdbc.sql("SELECT query FROM search_misses").query(String.class).list();
    }

    @Test
    @DisplayName("queries with links or of absurd length are not kept, and kept ones are shown escaped")
    void spamNotKept() {
        String word = Words.unique();
        Api visitor = api();
        assertThat(visitor.get("/api/v1/materials?q=" + q("http://spam.example/" + word)).status()).isEqualTo(200);
        visitor.get("/api/v1/materials?q=" + q("加微信 " + word + ".top"));
        visitor.get("/api/v1/materials?q=" + q(word + "长".repeat(60)));
        visitor.get("/api/v1/materials?q=" + q("<script>alert('" + word + "')</script>"));
        List<String> stored = stored();
        assertThat(stored).noneMatch(s -> s.contains(word) && !s.startsWith("<script>"));
        assertThat(stored).contains("<script>alert('" + word.toLowerCase() + "')</script>");

        String page = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD).get("/admin/search").body();
        assertThat(page).contains("&lt;script&gt;alert(").doesNotContain("<script>alert(");
    }

    @Test
    @DisplayName("one client adds or counts at most 60 misses an hour")
    void perClient() {
        String word = Words.unique();
        for (int i = 0; i < 70; i++) {
            misses.record("缺" + word + i, "a:192.0.2.200");
        }
        assertThat(stored().stream().filter(s -> s.contains(word.toLowerCase()))).hasSize(60);
        misses.record("缺" + word + "x", "a:192.0.2.201");
        assertThat(stored()).contains("缺" + word.toLowerCase() + "x");
    }

    @Test
    @DisplayName("at most maxStored distinct queries are kept; a new one replaces the least missed, not a frequent one")
    void capped() {
        SearchMisses small = new SearchMisses(jdbc, clock, new MissLimits(5, 50, 1_000, 100),
                new SearchRate(true, 1, 1, 1, 1, 1, SearchRate.Store.MEMORY), null);
        String word = Words.unique().toLowerCase();
        for (int i = 0; i < 3; i++) {
            small.record("常缺" + word, "a:192.0.2.210");
        }
        for (int i = 0; i < 12; i++) {
            small.record("偶缺" + word + i, "a:192.0.2.210");
        }
        List<String> stored = stored();
        assertThat(stored).hasSize(5).contains("常缺" + word, "偶缺" + word + 11);
        JsonNode listed = api().asAdmin().get("/api/v1/admin/search/misses").json();
        assertThat(listed.get(0).get("query").asString()).isEqualTo("常缺" + word);
    }
}
