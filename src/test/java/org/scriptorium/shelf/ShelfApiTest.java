package org.scriptorium.shelf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The reader's shelf through the API: favourites, history and downloads, each the caller's own and behind the gate. */
class ShelfApiTest extends IntegrationTest {

    /** Sentences of the member material's body, which no list may carry. */
    private static final List<String> BODY = List.of("今天召开这次会议", "夺取全年农业丰收", "压实工作责任");

    @Autowired
    private Shelf shelf;

    private Api admin;
    private String memberMaterial;
    private String freeMaterial;

    @BeforeEach
    void materials() {
        admin = api().asAdmin();
        memberMaterial = importText(Speeches.RURAL_MEETING, "MEMBER");
        freeMaterial = importText("""
                关于做好今冬明春森林防火工作的通知
                各乡镇人民政府，县直有关单位：
                为切实做好今冬明春森林防火工作，保护森林资源和人民群众生命财产安全，现将有关事项通知如下。
                一、提高思想认识
                各乡镇、各有关单位要充分认识森林防火工作的重要性。
                """, "FREE");
    }

    private String importText(String text, String tier) {
        Api.Response r = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", text, "tier", tier), null, null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("materialId").asString();
    }

    private Api member() {
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "三年会员", "durationDays", 1095,
                "backCatalogDays", 1095)).json().get("id").asString();
        String code = admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", 1)).json().get("codes")
                .get(0).asString();
        Api member = api().newMember();
        assertThat(member.post("/api/v1/me/redeem", Map.of("code", code)).status()).isEqualTo(200);
        return member;
    }

    private static List<String> ids(Api.Response list) {
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().forEach(entry -> ids.add(entry.get("material").get("materialId").asString()));
        return ids;
    }

    @Test
    @DisplayName("a non-member's favourites name a member material by title only, a withdrawn one as unavailable, and carry no text")
    void favouritesBehindTheGate() {
        Api reader = api().newMember();
        Api.Response kept = reader.put("/api/v1/me/favourites/" + memberMaterial, null);
        assertThat(kept.status()).as(kept.text()).isEqualTo(200);
        assertThat(kept.json().get("material").get("title").asString()).isEqualTo("在全县春季农业生产工作会议上的讲话");
        assertThat(kept.json().get("material").get("fullText").asBoolean()).isFalse();
        assertThat(reader.put("/api/v1/me/favourites/" + freeMaterial, null).status()).isEqualTo(200);
        // Twice is the same as once.
        assertThat(reader.put("/api/v1/me/favourites/" + freeMaterial, null).status()).isEqualTo(200);

        Api.Response list = reader.get("/api/v1/me/favourites");
        assertThat(ids(list)).containsExactly(freeMaterial, memberMaterial);
        JsonNode free = list.json().get(0).get("material");
        assertThat(free.get("fullText").asBoolean()).isTrue();
        assertThat(free.get("kind").asString()).isNotBlank();
        assertThat(Marked.visible(list.text())).doesNotContain(BODY);

        // Withdrawn: still listed, but as unavailable and nameless, as the gate now tells this reader it does not exist.
        assertThat(admin.post("/api/v1/admin/materials/" + freeMaterial + "/withdraw", Map.of()).status()).isEqualTo(200);
        JsonNode withdrawn = reader.get("/api/v1/me/favourites").json().get(0).get("material");
        assertThat(withdrawn.get("materialId").asString()).isEqualTo(freeMaterial);
        assertThat(withdrawn.get("available").asBoolean()).isFalse();
        assertThat(withdrawn.get("title").isNull()).isTrue();
        Api.Response refused = reader.put("/api/v1/me/favourites/" + freeMaterial, null);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().get("code").asString()).isEqualTo("MATERIAL_NOT_FOUND");
        assertThat(reader.put("/api/v1/me/favourites/nosuchmaterial", null).json().get("code").asString())
                .isEqualTo("MATERIAL_NOT_FOUND");

        assertThat(reader.delete("/api/v1/me/favourites/" + memberMaterial).status()).isEqualTo(204);
        assertThat(ids(reader.get("/api/v1/me/favourites"))).containsExactly(freeMaterial);
        assertThat(api().get("/api/v1/me/favourites").status()).isEqualTo(401);
    }

    @Test
    @DisplayName("another user's favourites, history and downloads are not reachable: each list is the caller's own")
    void ownListsOnly() {
        Api member = member();
        assertThat(member.put("/api/v1/me/favourites/" + memberMaterial, null).status()).isEqualTo(200);
        assertThat(member.get("/api/v1/materials/" + memberMaterial + "/download?format=txt").status()).isEqualTo(200);

        Api other = api().newMember();
        assertThat(ids(other.get("/api/v1/me/favourites"))).isEmpty();
        assertThat(ids(other.get("/api/v1/me/downloads"))).isEmpty();
        // Taking it off one's own favourites leaves the other reader's alone; clearing history clears only one's own.
        assertThat(other.delete("/api/v1/me/favourites/" + memberMaterial).status()).isEqualTo(204);
        assertThat(other.delete("/api/v1/me/history").status()).isEqualTo(204);
        assertThat(ids(member.get("/api/v1/me/favourites"))).containsExactly(memberMaterial);
        assertThat(ids(member.get("/api/v1/me/downloads"))).containsExactly(memberMaterial);
    }

    @Test
    @DisplayName("history: the reading pages opened, one entry per material with the last time, newest first; downloads from the ledger")
    void historyAndDownloads() {
        String email = "shelf-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        Api reader = api().newMember(email);
        WebSession web = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        assertThat(web.get("/materials/" + memberMaterial).statusCode()).isEqualTo(200);
        assertThat(web.get("/materials/" + freeMaterial).statusCode()).isEqualTo(200);
        assertThat(web.get("/materials/" + memberMaterial).statusCode()).isEqualTo(200);
        // Not an opening: a material the reader is told does not exist, and a read through the API.
        assertThat(web.get("/materials/nosuchmaterial").statusCode()).isEqualTo(404);

        Api.Response history = reader.get("/api/v1/me/history");
        assertThat(ids(history)).containsExactly(memberMaterial, freeMaterial);
        assertThat(history.json().get(0).get("material").get("fullText").asBoolean()).isFalse();
        assertThat(Marked.visible(history.text())).doesNotContain(BODY);
        // The /me page shows it too, with links to the lists.
        String me = web.get("/me").body();
        assertThat(me).contains("id=\"shelf-history\"", "在全县春季农业生产工作会议上的讲话", "/me/downloads");

        assertThat(reader.get("/api/v1/materials/" + freeMaterial + "/download?format=docx").status()).isEqualTo(200);
        assertThat(reader.get("/api/v1/materials/" + freeMaterial + "/download?format=pdf").status()).isEqualTo(200);
        Api.Response downloads = reader.get("/api/v1/me/downloads");
        assertThat(ids(downloads)).containsExactly(freeMaterial, freeMaterial);
        assertThat(downloads.json().get(0).get("format").asString()).isEqualTo("pdf");
        assertThat(downloads.json().get(1).get("format").asString()).isEqualTo("docx");
        assertThat(web.get("/me/downloads").body()).contains("PDF", "WORD");

        assertThat(reader.delete("/api/v1/me/history").status()).isEqualTo(204);
        assertThat(ids(reader.get("/api/v1/me/history"))).isEmpty();
    }

    @Test
    @DisplayName("history keeps the newest entries up to its cap; opening one again moves it to the top")
    void historyCap() {
        String third = importText("关于加强基层治理的调研报告\n一、基本情况\n全县共有行政村一百二十个。", "FREE");
        Api reader = api().newMember();
        String userId = reader.userId();
        Instant start = Instant.parse("2026-01-01T08:00:00Z");
        shelf.remember(userId, memberMaterial, start, 2);
        shelf.remember(userId, freeMaterial, start.plusSeconds(60), 2);
        shelf.remember(userId, memberMaterial, start.plusSeconds(120), 2);
        assertThat(ids(reader.get("/api/v1/me/history"))).containsExactly(memberMaterial, freeMaterial);
        shelf.remember(userId, third, start.plusSeconds(180), 2);
        assertThat(ids(reader.get("/api/v1/me/history"))).containsExactly(third, memberMaterial);
        assertThat(reader.get("/api/v1/me/history").json().get(0).get("openedAt").asString())
                .isEqualTo("2026-01-01T08:03:00Z");
    }

    @Test
    @DisplayName("the reading page's 收藏 form keeps and drops a favourite without JavaScript")
    void favouriteForm() {
        String email = "form-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        Api reader = api().newMember(email);
        WebSession web = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        String page = "/materials/" + freeMaterial;
        assertThat(web.get(page).body()).contains("☆ 收藏");
        var kept = web.postForm(page, "/me/favourites/" + freeMaterial, Map.of("favourite", "true"));
        assertThat(kept.statusCode()).isEqualTo(302);
        assertThat(kept.headers().firstValue("Location").orElse("")).endsWith(page);
        assertThat(web.get(page).body()).contains("★ 已收藏");
        assertThat(ids(reader.get("/api/v1/me/favourites"))).containsExactly(freeMaterial);
        assertThat(web.get("/me/favourites").body()).contains("关于做好今冬明春森林防火工作的通知");
        web.postForm(page, "/me/favourites/" + freeMaterial, Map.of("favourite", "false"));
        assertThat(ids(reader.get("/api/v1/me/favourites"))).isEmpty();
    }
}
