package org.scriptorium.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.Role;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The audit log over HTTP: what operators do is recorded with who, when, before and after; only admins read it. */
class AuditLogTest extends IntegrationTest {

    @Autowired
    Accounts accounts;

    private static JsonNode entry(JsonNode entries, String action) {
        for (JsonNode e : entries) {
            if (e.get("action").asString().equals(action)) {
                return e;
            }
        }
        throw new AssertionError(action + " not in " + entries);
    }

    @Test
    @DisplayName("grants, suspensions, restorations, revocations, code batches and material changes are logged with who, before and after")
    void operatorActions() {
        Api admin = api().asAdmin();
        String adminId = admin.userId();
        JsonNode plan = admin.post("/api/v1/admin/plans", Map.of("name", "月度会员", "durationDays", 30, "backCatalogDays", 365)).json();
        String batchId = admin.post("/api/v1/admin/plans/" + plan.get("id").asString() + "/codes", Map.of("count", 3))
                .json().get("batchId").asString();
        String userId = api().newMember().userId();
        admin.post("/api/v1/admin/users/" + userId + "/grant", Map.of("planId", plan.get("id").asString()));
        admin.post("/api/v1/admin/users/" + userId + "/suspend", Map.of("reason", "疑似倒卖"));
        admin.post("/api/v1/admin/users/" + userId + "/unsuspend", Map.of("reason", "核实为误会"));
        admin.post("/api/v1/admin/users/" + userId + "/revoke", Map.of());

        JsonNode onUser = admin.get("/api/v1/admin/audit?target=" + userId).json();
        assertThat(onUser.findValuesAsString("action")).containsExactly(
                "MEMBERSHIP_REVOKED", "ACCOUNT_UNSUSPENDED", "ACCOUNT_SUSPENDED", "MEMBERSHIP_GRANTED");
        assertThat(onUser).allSatisfy(e -> {
            assertThat(e.get("actorId").asString()).isEqualTo(adminId);
            assertThat(e.get("actorEmail").asString()).isEqualTo(Api.ADMIN_EMAIL);
            assertThat(e.get("at").asString()).isNotBlank();
        });
        JsonNode suspended = entry(onUser, "ACCOUNT_SUSPENDED");
        assertThat(suspended.get("before").asString()).isEqualTo("正常");
        assertThat(suspended.get("after").asString()).isEqualTo("已暂停：疑似倒卖");
        assertThat(entry(onUser, "ACCOUNT_UNSUSPENDED").get("summary").asString()).contains("理由：核实为误会");
        assertThat(entry(onUser, "MEMBERSHIP_GRANTED").get("before").asString()).isEqualTo("无有效会员");
        assertThat(entry(onUser, "MEMBERSHIP_GRANTED").get("after").asString()).startsWith("会员期至 ");
        assertThat(entry(onUser, "MEMBERSHIP_REVOKED").get("after").asString()).isEqualTo("无有效会员");

        JsonNode batch = admin.get("/api/v1/admin/audit?target=" + batchId).json();
        assertThat(entry(batch, "CODES_GENERATED").get("summary").asString()).isEqualTo("为「月度会员」生成 3 个激活码");

        String materialId = admin.multipart("POST", "/api/v1/admin/materials",
                Map.of("text", Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique())), null, null)
                .json().get("materialId").asString();
        admin.multipart("PUT", "/api/v1/admin/materials/" + materialId,
                Map.of("text", Speeches.RURAL_MEETING_REVISED, "changeNote", "补充农机配件"), null, null);
        admin.post("/api/v1/admin/materials/" + materialId + "/withdraw", Map.of());
        JsonNode onMaterial = admin.get("/api/v1/admin/audit?target=" + materialId).json();
        assertThat(onMaterial.findValuesAsString("action"))
                .containsExactly("MATERIAL_WITHDRAWN", "MATERIAL_REVISED", "MATERIAL_PUBLISHED");
        assertThat(entry(onMaterial, "MATERIAL_REVISED").get("after").asString()).isEqualTo("第 2 版：补充农机配件");
        assertThat(entry(onMaterial, "MATERIAL_PUBLISHED").get("summary").asString()).contains("在全县春季农业生产工作会议上的讲话");
    }

    @Test
    @DisplayName("report decisions are logged with the editor who made them; editors may not read the log, administrators export it as CSV")
    void decisionsAndExport() {
        Api editor = api().newMember();
        String editorId = editor.userId();
        accounts.setRoles(accounts.findByEmail(Api.ADMIN_EMAIL).orElseThrow().id(), editorId, EnumSet.of(Role.EDITOR));
        String editorEmail = accounts.get(editorId).email();
        String reportId = api().newMember().multipart("POST", "/api/v1/reports",
                Map.of("where", "某群", "text", "与资料无关的文字" + Words.unique()), null, null).json().get("reportId").asString();
        editor.post("/api/v1/admin/reports/" + reportId + "/reject", Map.of("reason", "无法核实, 证据不足"));

        assertThat(editor.get("/api/v1/admin/audit").status()).isEqualTo(403);
        assertThat(editor.get("/api/v1/admin/audit/export").status()).isEqualTo(403);

        Api admin = api().asAdmin();
        JsonNode rejected = entry(admin.get("/api/v1/admin/audit?target=" + reportId).json(), "REPORT_REJECTED");
        assertThat(rejected.get("actorEmail").asString()).isEqualTo(editorEmail);
        assertThat(rejected.get("before").asString()).isEqualTo("待审核");
        assertThat(rejected.get("after").asString()).isEqualTo("未采纳：无法核实, 证据不足");
        JsonNode roles = entry(admin.get("/api/v1/admin/audit?target=" + editorId).json(), "ROLES_CHANGED");
        assertThat(roles.get("before").asString()).isEqualTo("会员");
        assertThat(roles.get("after").asString()).isEqualTo("会员、编辑");

        Api.Response csv = admin.get("/api/v1/admin/audit/export?action=REPORT_REJECTED&actor=" + editorEmail);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = new String(csv.bytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("\uFEFF" + AuditCsv.HEADER);
        assertThat(lines.get(1)).contains(editorEmail + ",REPORT_REJECTED,不予采纳,REPORT," + reportId,
                "\"未采纳：无法核实, 证据不足\"");

        assertThat(admin.get("/api/v1/admin/audit?target=" + reportId + "&from=2000-01-01&to=2000-12-31").json()).isEmpty();
        Api.Response badAction = admin.get("/api/v1/admin/audit?action=DELETE_EVERYTHING");
        assertThat(badAction.status()).isEqualTo(422);
    }

    @Test
    @DisplayName("the audit page filters by action and links the export; editors are turned away")
    void page() {
        String userId = api().newMember().userId();
        api().asAdmin().post("/api/v1/admin/users/" + userId + "/suspend", Map.of("reason", "页面测试"));
        WebSession admin = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        String page = admin.get("/admin/audit?action=ACCOUNT_SUSPENDED&target=" + userId).body();
        assertThat(page).contains("操作日志", "暂停账号", "已暂停：页面测试", Api.ADMIN_EMAIL, "id=\"audit-export\"",
                "action=ACCOUNT_SUSPENDED&amp;target=" + userId + "&amp;");
        assertThat(admin.getBytes("/admin/audit/export.csv?target=" + userId).statusCode()).isEqualTo(200);

        String email = "ed" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        Api editor = api().newMember(email);
        accounts.setRoles(accounts.findByEmail(Api.ADMIN_EMAIL).orElseThrow().id(), editor.userId(), EnumSet.of(Role.EDITOR));
        WebSession editorPages = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        assertThat(editorPages.get("/admin").body()).contains("举报与信号").doesNotContain("id=\"admin-audit\"");
        assertThat(editorPages.get("/admin/audit").statusCode()).isEqualTo(403);
    }
}
