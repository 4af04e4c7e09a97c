package org.scriptorium.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.Words;
import tools.jackson.databind.JsonNode;

/** What a suspension does to an account: no copies of anything, no tokens, no sessions; and that it can be lifted. */
class SuspensionTest extends IntegrationTest {

    private static String email() {
        return "s" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    private static String material(Api admin, String tier) {
        String text = Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique());
        return admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", text, "tier", tier), null, null)
                .json().get("materialId").asString();
    }

    private static String plan(Api admin) {
        return admin.post("/api/v1/admin/plans", Map.of("name", "三年会员", "durationDays", 1095, "backCatalogDays", 1095))
                .json().get("id").asString();
    }

    @Test
    @DisplayName("a suspended account reads and downloads nothing in full, member or free material, until it is restored")
    void noCopies() {
        Api admin = api().asAdmin();
        String memberMaterial = material(admin, "MEMBER");
        String freeMaterial = material(admin, "FREE");
        String email = email();
        Api member = api().newMember(email);
        String userId = member.userId();
        admin.post("/api/v1/admin/users/" + userId + "/grant", Map.of("planId", plan(admin)));
        assertThat(member.get("/api/v1/materials/" + memberMaterial).json().has("text")).isTrue();

        Api.Response suspended = admin.post("/api/v1/admin/users/" + userId + "/suspend", Map.of("reason", "倒卖资料"));
        assertThat(suspended.json().get("suspended").asBoolean()).isTrue();
        assertThat(member.get("/api/v1/me").status()).as("tokens are revoked").isEqualTo(401);

        // Signing in again works (the account is told why), but nothing comes out in full.
        Api again = api().as(api().token(email, Api.MEMBER_PASSWORD));
        assertThat(again.get("/api/v1/me").json().get("membership").get("suspended").asBoolean()).isTrue();
        for (String id : new String[] {memberMaterial, freeMaterial}) {
            JsonNode read = again.get("/api/v1/materials/" + id).json();
            assertThat(read.get("entitled").asBoolean()).isFalse();
            assertThat(read.has("text")).isFalse();
            Api.Response download = again.get("/api/v1/materials/" + id + "/download?format=txt");
            assertThat(download.status()).isEqualTo(403);
            assertThat(download.json().get("detail").asString()).contains("账号已被暂停");
        }
        assertThat(admin.get("/api/v1/admin/deliveries?materialId=" + freeMaterial + "&userId=" + userId).json().size())
                .as("nothing was delivered").isZero();

        Api.Response restored = admin.post("/api/v1/admin/users/" + userId + "/unsuspend", Map.of("reason", "申诉成立"));
        assertThat(restored.json().get("suspended").asBoolean()).isFalse();
        assertThat(again.get("/api/v1/materials/" + memberMaterial).json().has("text")).isTrue();
        assertThat(again.get("/api/v1/materials/" + freeMaterial + "/download?format=txt").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("suspension ends the account's open browser sessions; signing in again shows why")
    void sessionsEnd() {
        Api admin = api().asAdmin();
        String email = email();
        String userId = api().newMember(email).userId();
        WebSession browser = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        assertThat(browser.get("/me").statusCode()).isEqualTo(200);
        WebSession otherBrowser = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);

        admin.post("/api/v1/admin/users/" + userId + "/suspend", Map.of("reason", "倒卖资料"));

        HttpResponse<String> afterSuspension = browser.get("/me");
        assertThat(afterSuspension.statusCode()).isEqualTo(302);
        assertThat(afterSuspension.headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThat(otherBrowser.get("/me").statusCode()).isEqualTo(302);
        assertThat(otherBrowser.get("/").body()).doesNotContain("suspended-notice").contains("登录");

        browser.signIn(email, Api.MEMBER_PASSWORD);
        HttpResponse<String> home = browser.get("/");
        assertThat(home.body()).contains("id=\"suspended-notice\"", "您的账号已于", "倒卖资料");
        assertThat(browser.get("/me").statusCode()).as("the new session lasts").isEqualTo(200);
    }
}
