package org.scriptorium.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
import tools.jackson.databind.JsonNode;

/** Code redemption under concurrency and against guessing, over real HTTP. */
class RedemptionLimitsTest extends IntegrationTest {

    private static List<String> codes(Api admin, int days, int count) {
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "并发" + days + "天", "durationDays", days,
                "backCatalogDays", 1095)).json().get("id").asString();
        List<String> codes = new ArrayList<>();
        for (JsonNode c : admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", count)).json().get("codes")) {
            codes.add(c.asString());
        }
        return codes;
    }

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
    @DisplayName("one code redeemed by 10 members at once: exactly one gets the membership, nine are told it was used")
    void oneCodeTenMembers() throws Exception {
        String code = codes(api().asAdmin(), 30, 1).getFirst();
        String address = Api.freshLoopbackAddress(); // nine failures: not on the address other tests share
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Api member = api().newMember().from(address);
            calls.add(() -> member.post("/api/v1/me/redeem", Map.of("code", code)));
        }
        List<Api.Response> answers = concurrently(calls);
        assertThat(answers.stream().filter(r -> r.status() == 200).count()).isEqualTo(1);
        assertThat(answers.stream().filter(r -> r.status() == 409)
                .filter(r -> r.json().get("code").asString().equals("CODE_ALREADY_REDEEMED")).count()).isEqualTo(9);
    }

    @Test
    @DisplayName("10 codes redeemed by one member at once: each extends the period, none is lost or overlaps")
    void tenCodesOneMember() throws Exception {
        List<String> codes = codes(api().asAdmin(), 30, 10);
        Api member = api().newMember().from(Api.freshLoopbackAddress());
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (String code : codes) {
            calls.add(() -> member.post("/api/v1/me/redeem", Map.of("code", code)));
        }
        List<Api.Response> answers = concurrently(calls);
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.text()).isEqualTo(200));
        JsonNode membership = member.get("/api/v1/me").json().get("membership");
        Instant anchor = Instant.parse(membership.get("anchor").asString());
        Instant endsAt = Instant.parse(membership.get("endsAt").asString());
        assertThat(Duration.between(anchor, endsAt)).isEqualTo(Duration.ofDays(300));
    }

    @Test
    @DisplayName("an account may fail 10 redemptions; of 10 concurrent guesses beyond that none is looked at, and even a good code waits (429, Retry-After)")
    void failuresPerAccount() throws Exception {
        String good = codes(api().asAdmin(), 30, 1).getFirst();
        Api guesser = api().newMember().from(Api.freshLoopbackAddress());
        for (int i = 0; i < 7; i++) {
            assertThat(guesser.post("/api/v1/me/redeem", Map.of("code", "22222-33333-44444-5555" + (i + 2))).status())
                    .isEqualTo(422);
        }
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String guess = "33333-44444-55555-6666" + (i % 8 + 2);
            calls.add(() -> guesser.post("/api/v1/me/redeem", Map.of("code", guess)));
        }
        List<Api.Response> answers = concurrently(calls);
        assertThat(answers.stream().filter(r -> r.status() == 422).count()).as("3 more guesses were looked at").isEqualTo(3);
        assertThat(answers.stream().filter(r -> r.status() == 429).count()).isEqualTo(7);

        Api.Response refused = guesser.post("/api/v1/me/redeem", Map.of("code", good));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("code").asString()).isEqualTo("TOO_MANY_CODE_ATTEMPTS");
        assertThat(refused.json().get("detail").asString()).startsWith("激活码输错次数过多，请 60 分钟后再试。");
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(3000L, 3600L);
        assertThat(api().newMember().post("/api/v1/me/redeem", Map.of("code", good)).status())
                .as("the good code was not used up").isEqualTo(200);
    }

    @Test
    @DisplayName("one client address may fail 30 redemptions across accounts; successes do not count")
    void failuresPerAddress() {
        String address = Api.freshLoopbackAddress();
        List<String> good = codes(api().asAdmin(), 30, 2);
        Api first = api().newMember().from(address);
        assertThat(first.post("/api/v1/me/redeem", Map.of("code", good.get(0))).status()).isEqualTo(200);
        for (int account = 0; account < 3; account++) {
            Api guesser = api().newMember().from(address);
            for (int i = 0; i < 10; i++) {
                assertThat(guesser.post("/api/v1/me/redeem", Map.of("code", "44444-55555-66666-7777" + (i % 8 + 2))).status())
                        .isEqualTo(422);
            }
        }
        Api.Response refused = api().newMember().from(address).post("/api/v1/me/redeem", Map.of("code", good.get(1)));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(api().newMember().from(Api.freshLoopbackAddress()).post("/api/v1/me/redeem", Map.of("code", good.get(1))).status())
                .isEqualTo(200);
    }
}
