package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.Words;
import tools.jackson.databind.JsonNode;

/** Drafts: saved unpublished, invisible to readers, previewed by staff without a copy, corrected, then published. */
class DraftsTest extends IntegrationTest {

    private static JsonNode importDraft(Api admin, String text, Map<String, String> details) {
        Map<String, String> fields = new HashMap<>(details);
        fields.put("text", text);
        fields.put("draft", "true");
        Api.Response r = admin.multipart("POST", "/api/v1/admin/materials", fields, null, null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private Api member(Api admin) {
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "草稿测试年卡", "durationDays", 365, "backCatalogDays", 1095))
                .json().get("id").asString();
        Api member = api().newMember();
        assertThat(admin.post("/api/v1/admin/users/" + member.userId() + "/grant", Map.of("planId", planId)).status())
                .isLessThan(300);
        return member;
    }

    private static boolean listed(JsonNode hits, String materialId) {
        for (JsonNode hit : hits) {
            if (materialId.equals(hit.get("materialId").asString())) {
                return true;
            }
        }
        return false;
    }

    @Test
    @DisplayName("a draft is invisible to a member on every reader path until published; publishing shows it once and "
            + "again is a no-op")
    void draftInvisibleUntilPublished() {
        Api admin = api().asAdmin();
        Api member = member(admin);
        String word = Words.unique();
        JsonNode draft = importDraft(admin, Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + word), Map.of());
        String id = draft.get("materialId").asString();
        assertThat(draft.get("draft").asBoolean()).isTrue();
        assertThat(draft.has("publishedAt")).as("no publication time chosen").isFalse();

        Api.Response read = member.get("/api/v1/materials/" + id);
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().get("code").asString()).isEqualTo("MATERIAL_NOT_FOUND");
        assertThat(member.get("/api/v1/materials/" + id + "/download?format=txt").status()).isEqualTo(404);
        assertThat(listed(member.get("/api/v1/materials?q=" + word).json().get("hits"), id)).isFalse();
        assertThat(listed(member.get("/api/v1/passages?q=" + word).json().get("hits"), id)).isFalse();
        assertThat(listed(admin.get("/api/v1/materials?q=" + word).json().get("hits"), id))
                .as("search never holds a draft, for staff either").isFalse();
        assertThat(api().get("/feed.atom").text()).doesNotContain(id);

        // staff: the draft list, and the preview as a member reads it, which delivers nothing
        assertThat(listed(admin.get("/api/v1/admin/materials/drafts").json(), id)).isTrue();
        JsonNode preview = admin.get("/api/v1/admin/materials/" + id + "/preview").json();
        assertThat(preview.get("label").asString()).isEqualTo("预览");
        assertThat(preview.get("draft").asBoolean()).isTrue();
        assertThat(preview.get("text").asString()).contains("抓好" + word).doesNotContain("个人副本");
        assertThat(preview.get("outline").size()).isEqualTo(7);
        assertThat(admin.get("/api/v1/admin/deliveries?materialId=" + id).json().size())
                .as("no ledger row for a preview").isZero();

        Instant before = Instant.now().minusSeconds(1);
        Api.Response published = admin.post("/api/v1/admin/materials/" + id + "/publish", Map.of());
        assertThat(published.status()).as(published.text()).isEqualTo(200);
        assertThat(published.json().get("draft").asBoolean()).isFalse();
        Instant at = Instant.parse(published.json().get("publishedAt").asString());
        assertThat(at).as("published now, as none was chosen").isBetween(before, Instant.now().plusSeconds(1));

        JsonNode reading = member.get("/api/v1/materials/" + id).json();
        assertThat(reading.get("entitled").asBoolean()).isTrue();
        assertThat(Marked.visible(reading.get("text").asString())).contains(word);
        assertThat(listed(member.get("/api/v1/materials?q=" + word).json().get("hits"), id)).isTrue();
        assertThat(listed(admin.get("/api/v1/admin/materials/drafts").json(), id)).isFalse();

        Api.Response again = admin.post("/api/v1/admin/materials/" + id + "/publish", Map.of());
        assertThat(again.status()).isEqualTo(200);
        assertThat(Instant.parse(again.json().get("publishedAt").asString()).truncatedTo(ChronoUnit.MILLIS))
                .as("a no-op").isEqualTo(at.truncatedTo(ChronoUnit.MILLIS));

        Api.Response unknown = admin.post("/api/v1/admin/materials/nosuchmaterial/publish", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("MATERIAL_NOT_FOUND");
        assertThat(admin.get("/api/v1/admin/materials/nosuchmaterial/preview").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("the import page saves a draft, lists it as 草稿, shows its stripped lines to put back, previews it as "
            + "a member reads it, and publishes it; a member's reading page says it does not exist until then")
    void pages() {
        Api admin = api().asAdmin();
        WebSession editor = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        String word = Words.unique();
        HttpResponse<String> imported = editor.postMultipart("/admin/materials", "/admin/materials", Map.of(
                "text", Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + word), "draft", "true"), null, null);
        String location = imported.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        String edit = editor.get("/admin/materials/" + id).body();
        assertThat(edit).contains("已保存草稿").contains("草稿").contains("发布").contains("放回所选的行")
                .contains("name=\"lines\"");
        assertThat(editor.get("/admin/materials").body()).contains("id=\"drafts\"").contains("/admin/materials/" + id);

        String preview = editor.get("/admin/materials/" + id + "/preview").body();
        assertThat(preview).contains("预览").contains("抓好" + word).doesNotContain("/materials/" + id + "/download"); // no download link (the page's description may name Word)
        assertThat(admin.get("/api/v1/admin/deliveries?materialId=" + id).json().size()).isZero();

        Api member = member(admin);
        String email = member.get("/api/v1/me").json().get("email").asString();
        WebSession reader = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        assertThat(reader.get("/materials/" + id).statusCode()).isEqualTo(404);

        HttpResponse<String> publish = editor.postForm("/admin/materials/" + id, "/admin/materials/" + id + "/publish", Map.of());
        assertThat(publish.statusCode()).isEqualTo(302);
        assertThat(editor.get("/admin/materials/" + id).body()).contains("已发布").doesNotContain("id=\"draft\"");
        assertThat(Marked.visible(reader.get("/materials/" + id).body())).contains(word);
    }

    @Test
    @DisplayName("a draft keeps the publication time chosen at import, and a corrected title, when published")
    void chosenTimeKept() {
        Api admin = api().asAdmin();
        Instant chosen = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode draft = importDraft(admin, Speeches.RURAL_MEETING, Map.of("publishedAt", chosen.toString()));
        String id = draft.get("materialId").asString();
        assertThat(Instant.parse(draft.get("publishedAt").asString())).isEqualTo(chosen);
        assertThat(api().newMember().get("/api/v1/materials/" + id).status()).isEqualTo(404);

        JsonNode published = admin.post("/api/v1/admin/materials/" + id + "/publish", Map.of()).json();
        assertThat(Instant.parse(published.get("publishedAt").asString())).isEqualTo(chosen);
        assertThat(published.get("draft").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("putting back refuses no lines, lines that were not stripped and unknown materials, and changes nothing")
    void putBackRefusals() {
        Api admin = api().asAdmin();
        JsonNode draft = importDraft(admin, Speeches.RURAL_MEETING, Map.of());
        String id = draft.get("materialId").asString();

        Api.Response none = admin.post("/api/v1/admin/materials/" + id + "/put-back", Map.of("lines", List.of()));
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.json().get("code").asString()).isEqualTo("NO_LINES_CHOSEN");
        Api.Response notStripped = admin.post("/api/v1/admin/materials/" + id + "/put-back",
                Map.of("lines", List.of("同志们：")));
        assertThat(notStripped.status()).isEqualTo(422);
        assertThat(notStripped.json().get("code").asString()).isEqualTo("LINE_NOT_STRIPPED");
        Api.Response unknown = admin.post("/api/v1/admin/materials/nosuchmaterial/put-back",
                Map.of("lines", List.of("x")));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("MATERIAL_NOT_FOUND");
        assertThat(admin.get("/api/v1/admin/materials/" + id + "/preview").json().get("revision").asInt())
                .as("nothing saved").isEqualTo(1);
    }

    @Test
    @DisplayName("a stripped line put back is in the new revision's text and no longer among its stripped lines; "
            + "the material stays a draft")
    void putBackKeepsTheLine() {
        Api admin = api().asAdmin();
        JsonNode draft = importDraft(admin, Speeches.RURAL_MEETING, Map.of());
        String id = draft.get("materialId").asString();
        JsonNode stripped = draft.get("strippedLines");
        assertThat(stripped.size()).as("the speech's source notice is stripped").isPositive();
        String line = stripped.get(0).get("text").asString();

        Api.Response putBack = admin.post("/api/v1/admin/materials/" + id + "/put-back", Map.of("lines", List.of(line)));
        assertThat(putBack.status()).as(putBack.text()).isEqualTo(200);
        JsonNode revised = putBack.json();
        assertThat(revised.get("revision").asInt()).isEqualTo(2);
        assertThat(revised.get("draft").asBoolean()).isTrue();
        assertThat(revised.get("strippedNotices").toString()).doesNotContain(line);
        assertThat(admin.get("/api/v1/admin/materials/" + id + "/preview").json().get("text").asString())
                .contains(line.strip());
    }
}
