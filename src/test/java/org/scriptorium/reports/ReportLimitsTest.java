package org.scriptorium.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Words;

/** The daily limits of one account (reports, requests) hold when its requests arrive at once. */
class ReportLimitsTest extends IntegrationTest {

    private static List<Api.Response> concurrently(List<Callable<Api.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("10 reports filed at once by one user: exactly 5 are kept, 5 get 429 with Retry-After")
    void reportsAtOnce() throws Exception {
        Api reporter = api().newMember();
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String where = "群" + i;
            String text = "同时举报第" + i + "次：" + Words.unique();
            calls.add(() -> reporter.multipart("POST", "/api/v1/reports", Map.of("where", where, "text", text), null, null));
        }
        List<Api.Response> answers = concurrently(calls);
        assertThat(answers.stream().filter(r -> r.status() == 201).count()).isEqualTo(5);
        List<Api.Response> refused = answers.stream().filter(r -> r.status() != 201).toList();
        assertThat(refused).hasSize(5).allSatisfy(r -> {
            assertThat(r.status()).as(r.text()).isEqualTo(429);
            assertThat(r.json().get("code").asString()).isEqualTo("REPORT_LIMIT_REACHED");
            assertThat(Long.parseLong(r.header("Retry-After").orElseThrow())).isBetween(23L * 3600, 24L * 3600);
        });
        assertThat(reporter.get("/api/v1/me/reports").json()).hasSize(5);
    }

    @Test
    @DisplayName("12 requests posted at once by one member: exactly 10 are kept, 2 get 429 with Retry-After")
    void requestsAtOnce() throws Exception {
        Api member = api().newMember();
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String title = "求一篇同时提交的资料 " + i + " " + Words.unique();
            calls.add(() -> member.post("/api/v1/requests", Map.of("title", title, "detail", "")));
        }
        List<Api.Response> answers = concurrently(calls);
        assertThat(answers.stream().filter(r -> r.status() == 201).count()).isEqualTo(10);
        assertThat(answers.stream().filter(r -> r.status() == 429)).hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Retry-After")).isPresent());
    }
}
