package org.scriptorium.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

class MembershipApiTest extends IntegrationTest {

    private String plan(Api admin, int days) {
        Api.Response r = admin.post("/api/v1/admin/plans", Map.of("name", "会员" + days + "天", "durationDays", days, "backCatalogDays", 1095));
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private JsonNode codes(Api admin, String planId, int count) {
        Api.Response r = admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", count));
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("codes");
    }

    @Test
    @DisplayName("codes are easy to type and redeem once; a second code while active extends the period")
    void redeemAndExtend() {
        Api admin = api().asAdmin();
        String planId = plan(admin, 365);
        JsonNode codes = codes(admin, planId, 3);
        assertThat(codes.size()).isEqualTo(3);
        for (JsonNode c : codes) {
            assertThat(c.asString()).matches("[2-9A-HJ-NP-Z]{5}(-[2-9A-HJ-NP-Z]{5}){3}");
        }
        Api member = api().newMember();

        Api.Response first = member.post("/api/v1/me/redeem", Map.of("code", codes.get(0).asString().toLowerCase().replace("-", " ")));
        assertThat(first.status()).isEqualTo(200);
        Instant anchor = Instant.parse(first.json().get("anchor").asString());
        Instant end = Instant.parse(first.json().get("endsAt").asString());
        assertThat(Duration.between(anchor, end)).isEqualTo(Duration.ofDays(365));
        assertThat(Instant.parse(first.json().get("backCatalogFrom").asString())).isEqualTo(anchor.minus(Duration.ofDays(1095)));

        Api.Response again = member.post("/api/v1/me/redeem", Map.of("code", codes.get(0).asString()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("CODE_ALREADY_REDEEMED");
        assertThat(api().newMember().post("/api/v1/me/redeem", Map.of("code", codes.get(0).asString())).status()).isEqualTo(409);

        Api.Response second = member.post("/api/v1/me/redeem", Map.of("code", codes.get(1).asString()));
        assertThat(Instant.parse(second.json().get("anchor").asString())).isEqualTo(anchor);
        assertThat(Instant.parse(second.json().get("endsAt").asString())).isEqualTo(end.plus(Duration.ofDays(365)));
        assertThat(member.get("/api/v1/me").json().get("membership").get("planName").asString()).isEqualTo("会员365天");
    }

    @Test
    @DisplayName("an unknown or mistyped code is refused with a clear message and changes nothing")
    void unknownCode() {
        Api member = api().newMember();
        Api.Response unknown = member.post("/api/v1/me/redeem", Map.of("code", "22222-33333-44444-55555"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("code").asString()).isEqualTo("CODE_INVALID");
        assertThat(unknown.json().get("detail").asString()).contains("激活码无效");
        assertThat(member.post("/api/v1/me/redeem", Map.of("code", "O0O0")).status()).isEqualTo(422);
        assertThat(member.get("/api/v1/me").json().get("membership").isNull()).isTrue();
    }

    @Test
    @DisplayName("the operator grants, suspends and unsuspends by hand")
    void grantAndSuspend() {
        Api admin = api().asAdmin();
        String planId = plan(admin, 30);
        Api member = api().newMember();
        String userId = member.get("/api/v1/me").json().get("userId").asString();

        Api.Response granted = admin.post("/api/v1/admin/users/" + userId + "/grant", Map.of("planId", planId));
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().get("membership").get("planName").asString()).isEqualTo("会员30天");

        Api.Response suspended = admin.post("/api/v1/admin/users/" + userId + "/suspend", Map.of("reason", "倒卖资料"));
        assertThat(suspended.json().get("suspended").asBoolean()).isTrue();
        // Suspension revokes API tokens at once.
        assertThat(member.get("/api/v1/me").status()).isEqualTo(401);

        Api.Response restored = admin.post("/api/v1/admin/users/" + userId + "/unsuspend", Map.of());
        assertThat(restored.json().get("suspended").asBoolean()).isFalse();
        assertThat(restored.json().get("membership").get("suspended").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("plan and code requests with bad numbers are refused")
    void badPlans() {
        Api admin = api().asAdmin();
        assertThat(admin.post("/api/v1/admin/plans", Map.of("name", "", "durationDays", 30)).status()).isEqualTo(422);
        assertThat(admin.post("/api/v1/admin/plans", Map.of("name", "负数", "durationDays", -1)).status()).isEqualTo(422);
        String planId = plan(admin, 10);
        assertThat(admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", 0)).status()).isEqualTo(422);
        assertThat(admin.post("/api/v1/admin/plans/nope/codes", Map.of("count", 1)).status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/admin/users/nope/grant", Map.of("planId", planId)).status()).isEqualTo(404);
    }
}
