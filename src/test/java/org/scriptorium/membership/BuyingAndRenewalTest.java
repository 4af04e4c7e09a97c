package org.scriptorium.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@DisplayName("Buying and renewal: plans with a shop, channels and voided batches, retired plans, the expiry notice")
class BuyingAndRenewalTest extends IntegrationTest {

    private static final String SHOP = "https://item.taobao.com/item.htm?id=";
    /** Any text up to the end of the table row it starts in. */
    private static final String IN_ROW = "(?:(?!</tr>)[\\s\\S])*?";

    @Autowired
    ExpiryNotices expiryNotices;
    @Autowired
    JdbcClient jdbc;

    private static JsonNode plan(Api admin, String name, int days, Object price, String shopUrl) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "durationDays", days, "backCatalogDays", 1095,
                "description", name + "：三年内发布的全部会员资料"));
        if (price != null) {
            body.put("price", price);
        }
        if (shopUrl != null) {
            body.put("shopUrl", shopUrl);
        }
        Api.Response r = admin.post("/api/v1/admin/plans", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private static JsonNode batch(Api admin, String planId, int count, String channel) {
        Api.Response r = admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", count, "channel", channel));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private static JsonNode audit(Api admin, String target, String action) {
        for (JsonNode e : admin.get("/api/v1/admin/audit?target=" + target).json()) {
            if (e.get("action").asString().equals(action)) {
                return e;
            }
        }
        throw new AssertionError(action + " not logged for " + target);
    }

    @Test
    @DisplayName("a voided batch refuses its unredeemed codes with CODE_VOIDED and keeps the terms of redeemed ones")
    void voidedBatch() {
        Api admin = api().asAdmin();
        String planId = plan(admin, "作废测试" + Words.unique(), 365, 199, SHOP + "1").get("id").asString();
        JsonNode batch = batch(admin, planId, 2, "  闲鱼 ");
        assertThat(batch.get("channel").asString()).isEqualTo("闲鱼");
        String batchId = batch.get("batchId").asString();
        Api early = api().newMember();
        JsonNode term = early.post("/api/v1/me/redeem", Map.of("code", batch.get("codes").get(0).asString())).json();

        Api.Response voided = admin.post("/api/v1/admin/code-batches/" + batchId + "/void", Map.of());
        assertThat(voided.status()).isEqualTo(200);
        assertThat(voided.json().get("voidedAt").isNull()).isFalse();
        assertThat(admin.post("/api/v1/admin/code-batches/" + batchId + "/void", Map.of()).json().get("code").asString())
                .isEqualTo("BATCH_VOIDED");

        Api late = api().newMember();
        Api.Response refused = late.post("/api/v1/me/redeem", Map.of("code", batch.get("codes").get(1).asString()));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("CODE_VOIDED");
        assertThat(refused.json().get("detail").asString()).contains("已作废");
        assertThat(late.get("/api/v1/me").json().get("membership").isNull()).as("nothing changed").isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM activation_codes WHERE batch_id = ? AND redeemed_by IS NOT NULL")
                .param(batchId).query(Integer.class).single()).isEqualTo(1);

        JsonNode kept = early.get("/api/v1/me").json().get("membership");
        assertThat(kept.get("endsAt").asString()).isEqualTo(term.get("endsAt").asString());
        assertThat(audit(admin, batchId, "BATCH_VOIDED").get("after").asString()).contains("1 个未兑换的激活码失效");
        String page = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD).get("/admin/plans").body();
        assertThat(page).containsPattern("id=\"batch-" + batchId + "\"" + IN_ROW + "闲鱼" + IN_ROW + "已作废");
    }

    @Test
    @DisplayName("a retired plan gets no batch and is not offered, while its codes already out still redeem; rename and retire are logged")
    void retiredPlan() {
        Api admin = api().asAdmin();
        String name = "停售测试" + Words.unique();
        String planId = plan(admin, name, 30, 29.9, SHOP + "2").get("id").asString();
        String code = batch(admin, planId, 1, "线下").get("codes").get(0).asString();
        assertThat(api().get("/api/v1/plans").text()).contains(name).contains("¥29.9");

        Api.Response renamed = admin.put("/api/v1/admin/plans/" + planId,
                Map.of("name", name + "（旧）", "price", 29.9, "shopUrl", SHOP + "2"));
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(audit(admin, planId, "PLAN_CHANGED").get("summary").asString())
                .isEqualTo("将套餐「" + name + "」改名为「" + name + "（旧）」");
        assertThat(admin.put("/api/v1/admin/plans/" + planId, Map.of("name", name, "shopUrl", "javascript:alert(1)"))
                .json().get("code").asString()).isEqualTo("INVALID_SHOP_URL");

        assertThat(admin.post("/api/v1/admin/plans/" + planId + "/retire", Map.of()).json().get("retiredAt").isNull())
                .isFalse();
        Api.Response refused = admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", 1));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("PLAN_RETIRED");
        assertThat(admin.post("/api/v1/admin/plans/" + planId + "/retire", Map.of()).status()).isEqualTo(409);
        assertThat(audit(admin, planId, "PLAN_RETIRED").get("summary").asString()).contains("停售套餐");
        assertThat(api().get("/api/v1/plans").text()).doesNotContain(name);
        String page = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD).get("/admin/plans").body();
        assertThat(page).containsPattern("id=\"plan-" + planId + "\"" + IN_ROW + "已停售");

        Api member = api().newMember();
        assertThat(member.post("/api/v1/me/redeem", Map.of("code", code)).status()).isEqualTo(200);
        JsonNode mine = member.get("/api/v1/me/membership").json();
        assertThat(mine.get("membership").get("daysLeft").asLong()).isEqualTo(30);
        assertThat(mine.get("membership").get("renewUrl").isNull()).as("a retired plan is not renewed").isTrue();
    }

    @Test
    @DisplayName("the CSV gives batch, channel and created time after the code and plan; days left and the shop to renew")
    void csvAndRenewal() {
        Api admin = api().asAdmin();
        String name = "CSV测试" + Words.unique();
        String planId = plan(admin, name, 365, 199, SHOP + "3").get("id").asString();
        JsonNode batch = batch(admin, planId, 2, "淘宝");
        String batchId = batch.get("batchId").asString();

        WebSession operator = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        String csv = new String(operator.getBytes("/admin/batches/" + batchId + "/codes.csv").body(), StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("\uFEFFcode,plan,batch,channel,created_at");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).matches("[2-9A-HJ-NP-Z-]{23}," + name + "," + batchId + ",淘宝,\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");

        Api member = api().newMember();
        member.post("/api/v1/me/redeem", Map.of("code", batch.get("codes").get(0).asString()));
        JsonNode status = member.get("/api/v1/me").json().get("membership");
        assertThat(status.get("daysLeft").asLong()).isEqualTo(365);
        assertThat(status.get("renewUrl").asString()).isEqualTo(SHOP + "3");
        String email = member.get("/api/v1/me").json().get("email").asString();
        String me = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD).get("/me").body();
        assertThat(me).contains("id=\"days-left\">365<").containsPattern("id=\"renew\" href=\"" + java.util.regex.Pattern.quote(SHOP + "3") + "\"[^>]*>续费<");
        assertThat(admin.get("/api/v1/admin/code-batches").text()).contains(batchId).contains("淘宝");
    }

    @Test
    @DisplayName("the operator's page sets a price typed as ¥29.9, labels a batch and voids it, and refuses a bad link in Chinese")
    void operatorPage() {
        Api admin = api().asAdmin();
        WebSession operator = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        String name = "页面测试" + Words.unique();
        operator.postForm("/admin/plans", "/admin/plans", Map.of("name", name, "durationDays", "30",
                "backCatalogDays", "1095", "price", "¥29.9", "shopUrl", SHOP + "6", "description", ""));
        JsonNode plan = null;
        for (JsonNode p : admin.get("/api/v1/admin/plans").json()) {
            if (p.get("name").asString().equals(name)) {
                plan = p;
            }
        }
        assertThat(plan).as("created").isNotNull();
        assertThat(plan.get("price").decimalValue()).isEqualByComparingTo("29.9");
        String planId = plan.get("id").asString();

        operator.postForm("/admin/plans", "/admin/plans/" + planId, Map.of("name", name, "shopUrl", "ftp://x.example/"));
        assertThat(operator.get("/admin/plans").body()).contains("购买链接须是以 http:// 或 https:// 开头的完整网址");

        operator.postForm("/admin/plans", "/admin/plans/" + planId + "/codes", Map.of("count", "2", "channel", "线下"));
        JsonNode batch = batchOf(admin, planId);
        assertThat(batch.get("channel").asString()).isEqualTo("线下");
        operator.postForm("/admin/plans", "/admin/batches/" + batch.get("id").asString() + "/void", Map.of());
        assertThat(batchOf(admin, planId).get("voidedAt").isNull()).isFalse();
    }

    private static JsonNode batchOf(Api admin, String planId) {
        for (JsonNode b : admin.get("/api/v1/admin/code-batches").json()) {
            if (b.get("planId").asString().equals(planId)) {
                return b;
            }
        }
        throw new AssertionError("no batch of " + planId);
    }

    @Test
    @DisplayName("the expiry notice writes one bell event and one letter 7 days before the end, not again, and anew after a renewal")
    void expiryNotice() {
        Api admin = api().asAdmin();
        String planId = plan(admin, "到期测试" + Words.unique(), 30, 19, SHOP + "4").get("id").asString();
        Api member = api().newMember();
        String userId = member.userId();
        String email = member.get("/api/v1/me").json().get("email").asString();
        // A 30-day term that began 27 days ago: it ends in 3 days.
        Instant start = Instant.now().minus(Duration.ofDays(27));
        assertThat(admin.post("/api/v1/admin/users/" + userId + "/grant",
                Map.of("planId", planId, "startsAt", start.toString())).status()).isEqualTo(200);

        expiryNotices.run();
        assertThat(bellEvents(userId)).isEqualTo(1);
        assertThat(letters(email)).isEqualTo(1);
        String letter = jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = ? AND kind = 'MEMBERSHIP_ENDING'").param(email).query(String.class).single();
        assertThat(letter).contains("到期").contains(SHOP + "4");
        JsonNode bell = member.get("/api/v1/notifications").json().get("items");
        assertThat(bell.toString()).contains("MEMBERSHIP_ENDING").contains("您的会员将于");

        expiryNotices.run();
        assertThat(bellEvents(userId)).as("not twice").isEqualTo(1);
        assertThat(letters(email)).isEqualTo(1);

        // Renewed while active: the period now ends in 33 days, so nothing is due until 7 days before that.
        admin.post("/api/v1/admin/users/" + userId + "/grant", Map.of("planId", planId));
        expiryNotices.run();
        assertThat(bellEvents(userId)).isEqualTo(1);
        assertThat(member.get("/api/v1/me").json().get("membership").get("daysLeft").asLong()).isEqualTo(33);
    }

    @Test
    @DisplayName("two nodes running the expiry job at once tell a member once")
    void twoNodesAtOnce() throws Exception {
        Api admin = api().asAdmin();
        String planId = plan(admin, "并发测试" + Words.unique(), 10, null, null).get("id").asString();
        Api member = api().newMember();
        String userId = member.userId();
        admin.post("/api/v1/admin/users/" + userId + "/grant", Map.of("planId", planId,
                "startsAt", Instant.now().minus(Duration.ofDays(5)).toString()));

        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.Callable<Integer> node = () -> {
            start.await();
            return expiryNotices.run();
        };
        try (var nodes = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var first = nodes.submit(node);
            var second = nodes.submit(node);
            first.get();
            second.get();
        }
        assertThat(bellEvents(userId)).isEqualTo(1);
        assertThat(letters(member.get("/api/v1/me").json().get("email").asString())).isEqualTo(1);
    }

    private int bellEvents(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM sharing_events WHERE recipient_id = ? AND event_type = 'MEMBERSHIP_ENDING'")
                .param(userId).query(Integer.class).single();
    }

    private int letters(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = ? AND kind = 'MEMBERSHIP_ENDING'")
                .param(email).query(Integer.class).single();
    }

    @Test
    @DisplayName("the paywall shows the plans on sale with price and shop link, and redemption that returns to the material")
    void paywall() {
        Api admin = api().asAdmin();
        String name = "付费墙测试" + Words.unique();
        plan(admin, name, 365, 199, SHOP + "5");
        plan(admin, "无链接" + name, 365, 99, null);
        String materialId = admin.multipart("POST", "/api/v1/admin/materials",
                Map.of("text", Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique())), null, null)
                .json().get("materialId").asString();

        HttpResponse<String> visitor = new WebSession(port).get("/materials/" + materialId);
        assertThat(visitor.body()).contains("id=\"paywall\"").contains(name).contains("¥199")
                .contains("href=\"" + SHOP + "5\"").contains(">购买<")
                .contains("/me/redeem?next=/materials/" + materialId).contains("已有卡密？去激活")
                .doesNotContain("无链接" + name);
        String freeId = admin.multipart("POST", "/api/v1/admin/materials",
                Map.of("text", Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique()), "tier", "FREE"),
                null, null).json().get("materialId").asString();
        assertThat(new WebSession(port).get("/materials/" + freeId).body()).as("a free material asks only for signing in")
                .contains("id=\"paywall\"").doesNotContain(name).doesNotContain("已有卡密");

        Api member = api().newMember();
        String email = member.get("/api/v1/me").json().get("email").asString();
        WebSession reader = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        assertThat(reader.get("/materials/" + materialId).body()).contains(name).contains("¥199");
        assertThat(reader.get("/me").body()).contains("购买会员").contains(SHOP + "5");
        assertThat(new WebSession(port).get("/plans").body()).contains(name).contains("¥199");
        assertThat(reader.get("/me/redeem?next=/materials/" + materialId).body())
                .contains("name=\"next\" value=\"/materials/" + materialId + "\"");
    }
}
