package org.scriptorium.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

/** The synonym groups over the API: listing, adding (checked), changing, deleting, the trial, and who may. */
class SynonymApiTest extends IntegrationTest {

    private static final String GROUPS = "/api/v1/admin/synonyms";

    @Autowired
    SynonymStore store;

    @Autowired
    Accounts accounts;

    private static Map<String, Object> group(List<String> terms, String note) {
        Map<String, Object> body = new HashMap<>();
        body.put("terms", terms);
        body.put("note", note);
        return body;
    }

    private static List<String> ids(JsonNode groups) {
        return groups.findValuesAsString("id");
    }

    private List<String> audit(String id) {
        return api().asAdmin().get("/api/v1/admin/audit?target=" + id).json().findValuesAsString("action");
    }

    @Test
    @DisplayName("the list starts with the built-in groups, read-only, in the reviewed order")
    void list() {
        JsonNode groups = api().asAdmin().get(GROUPS).json();
        assertThat(groups.size()).isGreaterThanOrEqualTo(Synonyms.builtIn().groups().size());
        JsonNode people = groups.get(1);
        assertThat(people.get("id").asString()).isEqualTo("builtin-2");
        assertThat(people.get("terms").valueStream().map(JsonNode::asString).toList())
                .containsExactly("人大", "人民代表大会");
        assertThat(people.get("builtIn").asBoolean()).isTrue();
        assertThat(people.get("enabled").asBoolean()).isTrue();
        assertThat(people.get("createdAt").isNull()).isTrue();
        for (int i = 0; i < Synonyms.builtIn().groups().size(); i++) {
            assertThat(groups.get(i).get("id").asString()).isEqualTo("builtin-" + (i + 1));
        }
    }

    @Test
    @DisplayName("an editor adds, switches, edits and deletes a group; searches' synonyms follow at once, and each "
            + "change is in the audit log")
    void lifecycle() {
        Api editor = api().newMember();
        accounts.setRoles(accounts.findByEmail(Api.ADMIN_EMAIL).orElseThrow().id(), editor.userId(), EnumSet.of(Role.EDITOR));
        String a = Words.unique();
        String b = Words.unique();
        String c = Words.unique();

        Api.Response added = editor.post(GROUPS, group(List.of(a, " “" + b + "” "), "试验用的一组"));
        assertThat(added.status()).isEqualTo(201);
        JsonNode g = added.json();
        String id = g.get("id").asString();
        assertThat(id).startsWith("syn-");
        assertThat(g.get("terms").valueStream().map(JsonNode::asString).toList()).as("normalised").containsExactly(a, b);
        assertThat(g.get("enabled").asBoolean()).isTrue();
        assertThat(g.get("builtIn").asBoolean()).isFalse();
        assertThat(g.get("createdBy").asString()).isEqualTo(editor.userId());
        assertThat(ids(editor.get(GROUPS).json())).endsWith(id);
        assertThat(store.current().alternatives(a)).containsExactly(a, b);
        List<JsonNode> log = api().asAdmin().get("/api/v1/admin/audit?target=" + id).json().valueStream().toList();
        assertThat(log).singleElement().satisfies(entry -> {
            assertThat(entry.get("action").asString()).isEqualTo("SYNONYMS_ADDED");
            assertThat(entry.get("actorId").asString()).isEqualTo(editor.userId());
            assertThat(entry.get("after").asString()).isEqualTo(a + " / " + b + "；备注：试验用的一组");
        });

        assertThat(editor.put(GROUPS + "/" + id, Map.of("enabled", false)).json().get("enabled").asBoolean()).isFalse();
        assertThat(store.current().contains(a)).isFalse();
        JsonNode edited = editor.put(GROUPS + "/" + id, Map.of("terms", List.of(a, c), "enabled", true)).json();
        assertThat(edited.get("terms").valueStream().map(JsonNode::asString).toList()).containsExactly(a, c);
        assertThat(edited.get("note").asString()).as("an absent member stays").isEqualTo("试验用的一组");
        assertThat(edited.get("updatedBy").asString()).isEqualTo(editor.userId());
        assertThat(store.current().alternatives(a)).containsExactly(a, c);
        assertThat(store.current().contains(b)).isFalse();

        assertThat(editor.delete(GROUPS + "/" + id).status()).isEqualTo(204);
        assertThat(ids(editor.get(GROUPS).json())).doesNotContain(id);
        assertThat(store.current().contains(a)).isFalse();
        Api.Response again = editor.delete(GROUPS + "/" + id);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("code").asString()).isEqualTo("SYNONYMS_NOT_FOUND");
        assertThat(audit(id)).containsExactly("SYNONYMS_DELETED", "SYNONYMS_CHANGED", "SYNONYMS_CHANGED",
                "SYNONYMS_ADDED");
    }

    @Test
    @DisplayName("invalid terms or notes are refused with INVALID_SYNONYMS naming the field, in Chinese or English, "
            + "and nothing is saved")
    void refused() {
        Api admin = api().asAdmin();
        String u = Words.unique();
        int before = admin.get(GROUPS).json().size();
        Map<List<String>, String> refusals = Map.of(
                List.of(u), "至少要有 2 个词",
                List.of(u, "党"), "「党」太短",
                List.of(u, ""), "是空的",
                List.of(u, u), "重复了",
                List.of(u, "字".repeat(31)), "太长",
                List.of(u, "人大/人民代表大会"), "含有 / 或逗号",
                List.of("甲一", "甲二", "甲三", "甲四", "甲五", "甲六", "甲七", "甲八", "甲九", "甲十", "甲十一", "甲十二",
                        u), "一组最多 12 个词");
        refusals.forEach((terms, message) -> {
            Api.Response answer = admin.post(GROUPS, group(terms, null));
            assertThat(answer.status()).as(terms.toString()).isEqualTo(422);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("code").asString()).isEqualTo("INVALID_SYNONYMS");
            assertThat(answer.json().get("field").asString()).isEqualTo("terms");
            assertThat(answer.json().get("detail").asString()).as(terms.toString()).contains(message);
        });
        assertThat(admin.post(GROUPS, Map.of()).json().get("code").asString()).isEqualTo("INVALID_SYNONYMS");
        Api.Response note = admin.post(GROUPS, group(List.of(u, "人民代表"), "注".repeat(201)));
        assertThat(note.status()).isEqualTo(422);
        assertThat(note.json().get("field").asString()).isEqualTo("note");
        assertThat(admin.inLanguage("en").post(GROUPS, group(List.of(u, "党"), null)).json().get("detail").asString())
                .contains("too short");
        assertThat(admin.get(GROUPS).json().size()).isEqualTo(before);
        assertThat(store.current().contains(u)).isFalse();

        String id = admin.post(GROUPS, group(List.of(u, "人民代表"), null)).json().get("id").asString();
        Api.Response edit = admin.put(GROUPS + "/" + id, Map.of("terms", List.of(u, "党")));
        assertThat(edit.status()).isEqualTo(422);
        assertThat(edit.json().get("code").asString()).isEqualTo("INVALID_SYNONYMS");
        assertThat(admin.put(GROUPS + "/" + id, Map.of()).json().get("code").asString()).isEqualTo("INVALID_SYNONYMS");
        assertThat(store.current().alternatives(u)).containsExactly(u, "人民代表");
        assertThat(audit(id)).containsExactly("SYNONYMS_ADDED");
        admin.delete(GROUPS + "/" + id);
    }

    @Test
    @DisplayName("a built-in group is never changed or deleted (409 BUILT_IN_SYNONYMS); an unknown one is 404")
    void builtIn() {
        Api admin = api().asAdmin();
        Api.Response edit = admin.put(GROUPS + "/builtin-2", Map.of("enabled", false));
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.json().get("code").asString()).isEqualTo("BUILT_IN_SYNONYMS");
        assertThat(edit.json().get("detail").asString()).contains("内置同义词");
        assertThat(admin.delete(GROUPS + "/builtin-2").json().get("code").asString()).isEqualTo("BUILT_IN_SYNONYMS");
        Api.Response unknown = admin.put(GROUPS + "/syn-none", Map.of("enabled", false));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("SYNONYMS_NOT_FOUND");
        assertThat(store.current().alternatives("人大")).contains("人民代表大会");
        assertThat(audit("builtin-2")).isEmpty();
    }

    @Test
    @DisplayName("the trial lists the groups a query would use, with the terms it holds")
    void matches() {
        Api admin = api().asAdmin();
        JsonNode found = admin.get(GROUPS + "/matches?q=" + URLEncoder.encode("人大 代表建议", StandardCharsets.UTF_8))
                .json();
        assertThat(ids(found)).contains("builtin-2");
        JsonNode people = found.valueStream().filter(m -> m.get("group").get("id").asString().equals("builtin-2"))
                .findFirst().orElseThrow();
        assertThat(people.get("found").valueStream().map(JsonNode::asString).toList()).containsExactly("人大");
        assertThat(admin.get(GROUPS + "/matches?q=" + URLEncoder.encode(Words.unique(), StandardCharsets.UTF_8))
                .json().size()).isZero();
        Api.Response tooLong = admin.get(GROUPS + "/matches?q=" + "a".repeat(201));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().get("code").asString()).isEqualTo("INVALID_QUERY");
    }

    @Test
    @DisplayName("members and visitors may not read or change the synonyms")
    void notForMembers() {
        Api member = api().newMember();
        String u = Words.unique();
        assertThat(member.get(GROUPS).status()).isEqualTo(403);
        assertThat(member.get(GROUPS + "/matches?q=x").status()).isEqualTo(403);
        assertThat(member.post(GROUPS, group(List.of(u, "人民代表"), null)).status()).isEqualTo(403);
        assertThat(member.put(GROUPS + "/builtin-2", Map.of("enabled", false)).status()).isEqualTo(403);
        assertThat(member.delete(GROUPS + "/builtin-2").status()).isEqualTo(403);
        assertThat(api().get(GROUPS).status()).isEqualTo(401);
        assertThat(api().post(GROUPS, group(List.of(u, "人民代表"), null)).status()).isEqualTo(401);
        assertThat(store.current().contains(u)).isFalse();
    }
}
