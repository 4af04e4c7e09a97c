package org.scriptorium.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.membership.Memberships;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * One authorization model (issue 12): a suspension takes every role away, a role taken away or a password change ends
 * what was signed in with it, and only administrators act on administrators, never on themselves.
 */
class AuthorizationModelTest extends IntegrationTest {

    @Autowired
    Memberships memberships;

    private static String email(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    private static String plan(Api admin) {
        return admin.post("/api/v1/admin/plans", Map.of("name", "年卡", "durationDays", 365, "backCatalogDays", 1095))
                .json().get("id").asString();
    }

    private static String material(Api admin, String marker) {
        String text = Speeches.RURAL_MEETING + "\n\n" + marker;
        return admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", text, "tier", "MEMBER"), null, null)
                .json().get("materialId").asString();
    }

    /** Registers an account, makes it an editor through the roles API, and returns its id. */
    private String editor(Api admin, String email) {
        String id = api().newMember(email).userId();
        Api.Response r = admin.put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of("EDITOR")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("roles").toString()).contains("EDITOR", "MEMBER");
        return id;
    }

    private static String code(Api.Response r) {
        return r.json().get("code").asString();
    }

    @Test
    @DisplayName("a suspended editor has no staff power: no member text, no download, no codes, cannot lift their own suspension, in pages and API")
    void suspendedEditor() {
        Api admin = api().asAdmin();
        String planId = plan(admin);
        String marker = "授权模型标记句" + Words.unique() + "。";
        String materialId = material(admin, marker);
        String email = email("se");
        String editorId = editor(admin, email);
        admin.post("/api/v1/admin/users/" + editorId + "/suspend", Map.of("reason", "调查中"));

        // Signing in again works (to be told why); nothing of the editor's power comes with it.
        Api api = api().as(api().token(email, Api.MEMBER_PASSWORD));
        assertThat(api.get("/api/v1/me").json().get("roles").size()).as("no role at all while suspended").isZero();
        JsonNode read = api.get("/api/v1/materials/" + materialId).json();
        assertThat(read.get("entitled").asBoolean()).isFalse();
        assertThat(Marked.visible(read.toString())).doesNotContain(marker.substring(0, 10));
        assertThat(api.get("/api/v1/materials/" + materialId + "/download?format=txt").status()).isEqualTo(403);
        int batches = memberships.batches().size();
        assertThat(api.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", 2)).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/plans").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin/users/" + editorId + "/unsuspend", Map.of("reason", "我自己")).status()).isEqualTo(403);

        WebSession browser = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        assertThat(browser.get("/admin").statusCode()).isEqualTo(403);
        assertThat(Marked.visible(browser.get("/materials/" + materialId).body())).doesNotContain(marker.substring(0, 10));
        assertThat(browser.postForm("/me", "/admin/plans/" + planId + "/codes", Map.of("count", "2")).statusCode()).isEqualTo(403);
        assertThat(browser.postForm("/me", "/admin/users/" + editorId + "/unsuspend", Map.of("reason", "我自己")).statusCode())
                .isEqualTo(403);
        assertThat(memberships.batches()).as("no codes were generated").hasSize(batches);
        assertThat(browser.get("/").body()).contains("id=\"suspended-notice\"").doesNotContain("href=\"/admin\"");

        // Authorities are read on every request: lifting the suspension gives this very session its role back.
        admin.post("/api/v1/admin/users/" + editorId + "/unsuspend", Map.of("reason", "调查结束"));
        assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
        assertThat(Marked.visible(browser.get("/materials/" + materialId).body())).contains(marker.substring(0, 10));
    }

    @Test
    @DisplayName("a demoted editor's open session and token lose the role at once: no code through the form they already had")
    void demotedEditor() {
        Api admin = api().asAdmin();
        String planId = plan(admin);
        String email = email("de");
        String editorId = editor(admin, email);
        Api token = api().as(api().token(email, Api.MEMBER_PASSWORD));
        WebSession browser = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        assertThat(browser.get("/admin/plans").statusCode()).isEqualTo(200);
        assertThat(token.get("/api/v1/admin/plans").status()).isEqualTo(200);

        Api.Response demoted = admin.put("/api/v1/admin/users/" + editorId + "/roles", Map.of("roles", List.of()));
        assertThat(demoted.json().get("roles").toString()).doesNotContain("EDITOR");

        int batches = memberships.batches().size();
        assertThat(token.get("/api/v1/admin/plans").status()).as("the token ended").isEqualTo(401);
        // The browser posts the form again: its session ended, so it goes nowhere.
        HttpResponse<String> generate = browser.postForm("/login", "/admin/plans/" + planId + "/codes", Map.of("count", "2"));
        assertThat(generate.statusCode()).isIn(302, 403);
        assertThat(generate.headers().firstValue("Location").orElse("/login")).endsWith("/login");
        assertThat(memberships.batches()).as("no codes were generated").hasSize(batches);
        assertThat(browser.get("/admin/plans").statusCode()).isEqualTo(302);

        // Signed in again, they are a member.
        WebSession again = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        assertThat(again.get("/admin").statusCode()).isEqualTo(403);
        assertThat(api().as(api().token(email, Api.MEMBER_PASSWORD)).get("/api/v1/admin/plans").status()).isEqualTo(403);
    }

    @Test
    @DisplayName("an editor can neither suspend nor demote an administrator; an administrator can neither suspend nor demote themselves")
    void administratorsAreSafe() {
        Api admin = api().asAdmin();
        String adminId = admin.userId();
        String email = email("ed");
        editor(admin, email);
        Api editor = api().as(api().token(email, Api.MEMBER_PASSWORD));

        Api.Response suspend = editor.post("/api/v1/admin/users/" + adminId + "/suspend", Map.of("reason", "夺权"));
        assertThat(suspend.status()).isEqualTo(403);
        assertThat(code(suspend)).isEqualTo("ADMIN_REQUIRED");
        assertThat(suspend.json().get("detail").asString()).contains("只有管理员");
        assertThat(editor.put("/api/v1/admin/users/" + adminId + "/roles", Map.of("roles", List.of())).status()).isEqualTo(403);
        WebSession editorBrowser = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        HttpResponse<String> form = editorBrowser.postForm("/me", "/admin/users/" + adminId + "/suspend", Map.of("reason", "夺权"));
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(editorBrowser.get(form.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""))
                .body()).contains("只有管理员可以暂停或恢复管理员账号");

        assertThat(editorBrowser.get("/admin/users/" + adminId).body()).as("editors are not offered the roles form")
                .doesNotContain("/roles\"").contains("只有管理员可以调整角色");
        WebSession adminBrowser = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        assertThat(adminBrowser.get("/admin/users/" + adminId).body()).contains("/admin/users/" + adminId + "/roles\"");
        HttpResponse<String> selfForm = adminBrowser.postForm("/admin/users/" + adminId, "/admin/users/" + adminId + "/roles",
                Map.of("roles", "EDITOR"));
        assertThat(adminBrowser.get(selfForm.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""))
                .body()).as("the form follows the same rules").contains("不能撤销自己的管理员角色");

        Api.Response self = admin.post("/api/v1/admin/users/" + adminId + "/suspend", Map.of("reason", "手滑"));
        assertThat(self.status()).isEqualTo(409);
        assertThat(code(self)).isEqualTo("SELF_SUSPENSION");
        Api.Response demoteSelf = admin.put("/api/v1/admin/users/" + adminId + "/roles", Map.of("roles", List.of("EDITOR")));
        assertThat(demoteSelf.status()).isEqualTo(409);
        assertThat(code(demoteSelf)).isEqualTo("SELF_DEMOTION");

        JsonNode me = admin.get("/api/v1/me").json();
        assertThat(me.get("roles").toString()).as("unchanged").contains("ADMIN");
        assertThat(admin.get("/api/v1/admin/plans").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("the roles API: administrators only, unknown roles refused with a stable code, nothing changed")
    void rolesApi() {
        Api admin = api().asAdmin();
        Api member = api().newMember();
        String id = member.userId();
        Api.Response unknown = admin.put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of("EDITOR", "OWNER")));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(code(unknown)).isEqualTo("INVALID_ROLE");
        assertThat(unknown.json().get("detail").asString()).contains("OWNER");
        assertThat(admin.put("/api/v1/admin/users/" + id + "/roles", Map.of()).status()).isEqualTo(422);
        assertThat(admin.put("/api/v1/admin/users/nobody/roles", Map.of("roles", List.of())).status()).isEqualTo(404);
        assertThat(member.get("/api/v1/me").json().get("roles").toString()).doesNotContain("EDITOR");
        assertThat(member.put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of("ADMIN"))).status()).isEqualTo(403);

        Api.Response both = admin.put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of("editor", "ADMIN")));
        assertThat(both.status()).isEqualTo(200);
        assertThat(both.json().get("roles").toString()).isEqualTo("[\"MEMBER\",\"EDITOR\",\"ADMIN\"]");
        assertThat(member.get("/api/v1/admin/audit").status()).as("a role given counts at the next call").isEqualTo(200);
        // Two administrators now: each may demote the other, not themselves.
        admin.put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of()));
        assertThat(member.get("/api/v1/me").status()).as("a role taken away ends the token").isEqualTo(401);
    }

    @Test
    @DisplayName("a user lists their tokens (never the token itself) and revokes one at once; another user's token is not theirs")
    void tokens() {
        String email = email("tk");
        Api first = api().newMember(email);
        Api second = api().as(api().token(email, Api.MEMBER_PASSWORD));
        JsonNode list = second.get("/api/v1/me/tokens").json();
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(0).has("id") && list.get(0).has("createdAt") && list.get(0).has("expiresAt")).isTrue();
        assertThat(list.toString()).doesNotContain("sct_");
        assertThat(list.get(0).get("lastUsedAt").isNull()).as("the second token was used just now").isFalse();

        String firstId = null;
        for (JsonNode t : list) {
            if (!t.get("id").asString().equals(list.get(0).get("id").asString())) {
                firstId = t.get("id").asString();
            }
        }
        Api stranger = api().newMember();
        Api.Response notTheirs = stranger.delete("/api/v1/me/tokens/" + firstId);
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(code(notTheirs)).isEqualTo("TOKEN_NOT_FOUND");
        assertThat(first.get("/api/v1/me").status()).isEqualTo(200);

        assertThat(second.delete("/api/v1/me/tokens/" + firstId).status()).isEqualTo(204);
        assertThat(first.get("/api/v1/me").status()).as("revoked at once").isEqualTo(401);
        assertThat(second.get("/api/v1/me/tokens").json().size()).isEqualTo(1);
        assertThat(api().get("/api/v1/me/tokens").status()).isEqualTo(401);
    }

    @Test
    @DisplayName("a password change ends every other session and token; the one it came from goes on; a wrong current password changes nothing")
    void passwordChange() {
        String email = email("pw");
        Api token = api().newMember(email);
        Api otherToken = api().as(api().token(email, Api.MEMBER_PASSWORD));
        WebSession browser = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        WebSession otherBrowser = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);

        Api.Response wrong = token.post("/api/v1/me/password", Map.of("currentPassword", "not-it-at-all", "newPassword", "new-password-2"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(code(wrong)).isEqualTo("WRONG_PASSWORD");
        assertThat(code(token.post("/api/v1/me/password", Map.of("currentPassword", Api.MEMBER_PASSWORD, "newPassword", "short"))))
                .isEqualTo("WEAK_PASSWORD");
        assertThat(otherToken.get("/api/v1/me").status()).as("nothing changed").isEqualTo(200);
        assertThat(otherBrowser.get("/me").statusCode()).isEqualTo(200);

        assertThat(token.post("/api/v1/me/password",
                Map.of("currentPassword", Api.MEMBER_PASSWORD, "newPassword", "new-password-2")).status()).isEqualTo(204);
        assertThat(token.get("/api/v1/me").status()).as("the token it came with goes on").isEqualTo(200);
        assertThat(otherToken.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(browser.get("/me").statusCode()).isEqualTo(302);
        assertThat(otherBrowser.get("/me").statusCode()).isEqualTo(302);
        assertThat(api().post("/api/v1/auth/token", Map.of("email", email, "password", Api.MEMBER_PASSWORD)).status()).isEqualTo(401);

        // The form on /me: this browser goes on, the token ends.
        browser.signIn(email, "new-password-2");
        HttpResponse<String> changed = browser.postForm("/me", "/me/password",
                Map.of("currentPassword", "new-password-2", "newPassword", "third-password-3"));
        assertThat(changed.statusCode()).isEqualTo(302);
        HttpResponse<String> me = browser.get("/me");
        assertThat(me.statusCode()).as("this session goes on").isEqualTo(200);
        assertThat(me.body()).contains("密码已修改");
        assertThat(token.get("/api/v1/me").status()).isEqualTo(401);
        HttpResponse<String> wrongForm = browser.postForm("/me", "/me/password",
                Map.of("currentPassword", "nope-nope-nope", "newPassword", "fourth-password-4"));
        assertThat(wrongForm.body()).as("the password page says why").contains("当前密码不正确");
        assertThat(api().token(email, "third-password-3")).isNotBlank();
    }
}
