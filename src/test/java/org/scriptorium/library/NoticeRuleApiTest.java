package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.Role;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The notice rules over the API: listing, adding (checked), switching, deleting, and who may. */
class NoticeRuleApiTest extends IntegrationTest {

    private static final String RULES = "/api/v1/admin/notice-rules";

    @Autowired
    NoticeRuleBook book;

    @Autowired
    Accounts accounts;

    private static Map<String, Object> rule(String pattern, boolean regex, String scope, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("pattern", pattern);
        body.put("regex", regex);
        body.put("scope", scope);
        body.put("reason", reason);
        return body;
    }

    private static List<String> ids(JsonNode rules) {
        return rules.findValuesAsString("id");
    }

    @Test
    @DisplayName("the list holds the built-in rules with their examples, all on, in the reviewed order")
    void list() {
        JsonNode rules = api().asAdmin().get(RULES).json();
        assertThat(ids(rules)).startsWith(NoticeRuleBook.builtIn().stream().map(NoticeRule::id).toArray(String[]::new));
        JsonNode toolbar = rules.get(0);
        assertThat(toolbar.get("id").asString()).isEqualTo("web-toolbar");
        assertThat(toolbar.get("builtIn").asBoolean()).isTrue();
        assertThat(toolbar.get("regex").asBoolean()).isTrue();
        assertThat(toolbar.get("scope").asString()).isEqualTo("EDGE");
        assertThat(toolbar.get("reason").asString()).isEqualTo("网页工具栏");
        assertThat(toolbar.get("examples").get(0).asString()).isEqualTo("下载");
        assertThat(toolbar.get("createdAt").isNull()).isTrue();
    }

    @Test
    @DisplayName("an editor adds a phrase rule: 201, on, in the rules imports apply from then on, and in the audit log")
    void add() {
        Api editor = api().newMember();
        accounts.setRoles(accounts.findByEmail(Api.ADMIN_EMAIL).orElseThrow().id(), editor.userId(), EnumSet.of(Role.EDITOR));
        String site = "酷乐文行" + Words.unique();
        Api.Response added = editor.post(RULES, rule(site, false, "EDGE", "其他平台的名称"));
        assertThat(added.status()).isEqualTo(201);
        JsonNode rule = added.json();
        String id = rule.get("id").asString();
        assertThat(id).startsWith("op-");
        assertThat(rule.get("pattern").asString()).isEqualTo(site);
        assertThat(rule.get("enabled").asBoolean()).isTrue();
        assertThat(rule.get("builtIn").asBoolean()).isFalse();
        assertThat(rule.get("createdBy").asString()).isEqualTo(editor.userId());
        assertThat(ids(editor.get(RULES).json())).endsWith(id);
        assertThat(book.current()).extracting(NoticeRule::id).endsWith(id);
        assertThat(book.current().getLast().compiled().matcher("【" + site + "】自建平台、实时分享").find()).isTrue();

        JsonNode audit = api().asAdmin().get("/api/v1/admin/audit?target=" + id).json();
        assertThat(audit.findValuesAsString("action")).containsExactly("NOTICE_RULE_ADDED");
        assertThat(audit.get(0).get("actorId").asString()).isEqualTo(editor.userId());
        assertThat(audit.get(0).get("after").asString()).isEqualTo("文字：" + site);

        assertThat(editor.put(RULES + "/" + id, Map.of("enabled", false)).json().get("enabled").asBoolean()).isFalse();
        assertThat(book.current()).extracting(NoticeRule::id).doesNotContain(id);
        assertThat(editor.put(RULES + "/" + id, Map.of("enabled", true)).json().get("enabled").asBoolean()).isTrue();
        assertThat(book.current()).extracting(NoticeRule::id).contains(id);
        assertThat(editor.put(RULES + "/" + id, Map.of("enabled", true, "pattern", "别的")).json().get("code").asString())
                .as("an operator's rule is changed by deleting and adding it again").isEqualTo("INVALID_RULE");

        assertThat(editor.delete(RULES + "/" + id).status()).isEqualTo(204);
        assertThat(ids(editor.get(RULES).json())).doesNotContain(id);
        assertThat(book.current()).extracting(NoticeRule::id).doesNotContain(id);
        assertThat(editor.delete(RULES + "/" + id).json().get("code").asString()).isEqualTo("RULE_NOT_FOUND");
        assertThat(api().asAdmin().get("/api/v1/admin/audit?target=" + id).json().findValuesAsString("action"))
                .containsExactly("NOTICE_RULE_DELETED", "NOTICE_RULE_SWITCHED", "NOTICE_RULE_SWITCHED", "NOTICE_RULE_ADDED");
    }

    @Test
    @DisplayName("a rule that is invalid, too broad or too slow is refused with its code, in Chinese, and nothing is saved")
    void refused() {
        Api admin = api().asAdmin();
        int before = admin.get(RULES).json().size();
        Map<String, String> refusals = Map.of(
                "INVALID_RULE", "(未闭合",
                "RULE_TOO_BROAD", "同志们",
                "RULE_TOO_SLOW", "(?:(?:a|a)+)+b" + Words.unique());
        refusals.forEach((code, pattern) -> {
            Api.Response answer = admin.post(RULES, rule(pattern, true, "ANYWHERE", null));
            assertThat(answer.status()).as(pattern).isEqualTo(422);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("code").asString()).as(pattern).isEqualTo(code);
            assertThat(answer.json().get("detail").asString()).containsPattern("\\p{IsHan}");
        });
        assertThat(admin.post(RULES, rule("酷".repeat(201), false, "EDGE", null)).json().get("code").asString())
                .isEqualTo("INVALID_RULE");
        assertThat(admin.post(RULES, rule("酷乐文行", false, "TOP", null)).json().get("field").asString())
                .isEqualTo("scope");
        assertThat(admin.post(RULES, Map.of()).json().get("code").asString()).isEqualTo("INVALID_RULE");
        assertThat(admin.post(RULES, rule("a*", true, "EDGE", null)).json().get("code").asString())
                .as("matches an empty line").isEqualTo("RULE_TOO_BROAD");
        assertThat(admin.inLanguage("en").post(RULES, rule("同志们", false, "EDGE", null)).json().get("detail").asString())
                .contains("同志们").contains("would strip");
        assertThat(admin.get(RULES).json().size()).isEqualTo(before);
    }

    @Test
    @DisplayName("a built-in rule is switched off and on again, never edited or deleted (409 BUILT_IN_RULE)")
    void builtIn() {
        Api admin = api().asAdmin();
        try {
            JsonNode off = admin.put(RULES + "/page-number", Map.of("enabled", false)).json();
            assertThat(off.get("enabled").asBoolean()).isFalse();
            assertThat(off.get("builtIn").asBoolean()).isTrue();
            assertThat(book.current()).extracting(NoticeRule::id).doesNotContain("page-number").contains("web-toolbar");
            assertThat(admin.get(RULES).json().get(NoticeRuleBook.builtIn().size() - 1).get("enabled").asBoolean())
                    .isFalse();
        } finally {
            assertThat(admin.put(RULES + "/page-number", Map.of("enabled", true)).json().get("enabled").asBoolean())
                    .isTrue();
        }
        assertThat(book.current()).extracting(NoticeRule::id).contains("page-number");
        assertThat(admin.get("/api/v1/admin/audit?target=page-number").json().findValuesAsString("summary"))
                .startsWith("开启内置清理规则 page-number", "关闭内置清理规则 page-number");

        Api.Response edit = admin.put(RULES + "/page-number", Map.of("enabled", true, "pattern", "页"));
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.json().get("code").asString()).isEqualTo("BUILT_IN_RULE");
        assertThat(admin.delete(RULES + "/page-number").json().get("code").asString()).isEqualTo("BUILT_IN_RULE");
        assertThat(admin.delete(RULES + "/page-number").status()).isEqualTo(409);
        assertThat(admin.put(RULES + "/page-number", Map.of()).json().get("code").asString()).isEqualTo("INVALID_RULE");
        assertThat(admin.put(RULES + "/no-such-rule", Map.of("enabled", false)).status()).isEqualTo(404);
        assertThat(admin.put(RULES + "/no-such-rule", Map.of("enabled", false)).json().get("code").asString())
                .isEqualTo("RULE_NOT_FOUND");
        assertThat(book.current()).extracting(NoticeRule::id)
                .containsSubsequence(NoticeRuleBook.builtIn().stream().map(NoticeRule::id).toList());
    }

    @Test
    @DisplayName("members and visitors may not read or change the rules")
    void notForMembers() {
        Api member = api().newMember();
        assertThat(member.get(RULES).status()).isEqualTo(403);
        assertThat(member.post(RULES, rule("酷乐文行", false, "EDGE", null)).status()).isEqualTo(403);
        assertThat(member.put(RULES + "/page-number", Map.of("enabled", false)).status()).isEqualTo(403);
        assertThat(api().get(RULES).status()).isEqualTo(401);
        assertThat(book.current()).extracting(NoticeRule::id).contains("page-number");
    }
}
