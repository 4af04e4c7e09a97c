package org.scriptorium.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;
import tools.jackson.databind.JsonNode;

/** The requests board over the API: posting, one vote each, and everyone who asked or voted told on fulfilment. */
class RequestBoardTest extends IntegrationTest {

    private static String post(Api member, String title) {
        Api.Response r = member.post("/api/v1/requests", Map.of("title", title, "detail", "座谈会上用，三千字左右"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("requestId").asString();
    }

    @Test
    @DisplayName("one vote per member; the author's own request already counts; a vote can be taken back")
    void oneVoteEach() {
        Api author = api().newMember();
        Api voter = api().newMember();
        String id = post(author, "防汛工作部署会讲话" + Words.unique());
        assertThat(voter.post("/api/v1/requests/" + id + "/vote", Map.of()).json().get("votes").asInt()).isEqualTo(1);
        Api.Response again = voter.post("/api/v1/requests/" + id + "/vote", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("ALREADY_VOTED");
        Api.Response own = author.post("/api/v1/requests/" + id + "/vote", Map.of());
        assertThat(own.status()).isEqualTo(409);
        assertThat(own.json().get("code").asString()).isEqualTo("OWN_REQUEST");
        assertThat(voter.delete("/api/v1/requests/" + id + "/vote").json().get("votes").asInt()).isZero();
        assertThat(voter.post("/api/v1/requests/" + id + "/vote", Map.of()).json().get("votes").asInt()).isEqualTo(1);

        JsonNode listed = voter.get("/api/v1/requests").json();
        JsonNode mine = null;
        for (JsonNode seen : listed) {
            if (seen.get("request").get("id").asString().equals(id)) {
                mine = seen;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("voted").asBoolean()).isTrue();
        assertThat(mine.get("mine").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("a title too short is refused in the caller's language")
    void invalidTitle() {
        Api.Response r = api().newMember().inLanguage("en").post("/api/v1/requests", Map.of("title", "讲话", "detail", ""));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("code").asString()).isEqualTo("REQUEST_TITLE_INVALID");
        assertThat(r.json().get("detail").asString()).contains("4 to 200");
    }

    @Test
    @DisplayName("an editor fulfils a request with a material: the author and every voter are told, nobody else")
    void fulfilNotifiesAskersAndVoters() {
        Api admin = api().asAdmin();
        Api author = api().newMember();
        Api voter = api().newMember();
        Api bystander = api().newMember();
        bystander.put("/api/v1/me/follows", Map.of("kinds", java.util.List.of(Words.unique()), "topics", java.util.List.of()));
        String id = post(author, "营商环境座谈会主持词" + Words.unique());
        voter.post("/api/v1/requests/" + id + "/vote", Map.of());
        author.get("/api/v1/notifications");
        voter.get("/api/v1/notifications");
        bystander.get("/api/v1/notifications");

        assertThat(author.post("/api/v1/admin/requests/" + id + "/fulfil", Map.of("materialId", "x")).status())
                .as("members cannot fulfil").isEqualTo(403);
        String materialId = admin.multipart("POST", "/api/v1/admin/materials",
                Map.of("text", Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique()), "tier", "MEMBER"),
                null, null).json().get("materialId").asString();
        assertThat(admin.post("/api/v1/admin/requests/" + id + "/plan", Map.of()).json().get("status").asString())
                .isEqualTo("PLANNED");
        JsonNode fulfilled = admin.post("/api/v1/admin/requests/" + id + "/fulfil", Map.of("materialId", materialId)).json();
        assertThat(fulfilled.get("status").asString()).isEqualTo("FULFILLED");
        assertThat(fulfilled.get("materialId").asString()).isEqualTo(materialId);

        for (Api asker : new Api[]{author, voter}) {
            JsonNode items = asker.get("/api/v1/notifications").json().get("items");
            assertThat(items.toString()).contains("REQUEST_FULFILLED").contains("REQUEST_PLANNED").contains("/requests/" + id);
        }
        assertThat(bystander.get("/api/v1/notifications").json().get("items").toString()).doesNotContain(id);
        Api.Response closed = voter.post("/api/v1/requests/" + id + "/vote", Map.of());
        assertThat(closed.status()).isIn(409);
        assertThat(admin.post("/api/v1/admin/requests/" + id + "/fulfil", Map.of("materialId", materialId)).status())
                .isEqualTo(409);
    }

    @Test
    @DisplayName("members comment under a request")
    void comments() {
        Api author = api().newMember();
        String id = post(author, "主题教育心得体会" + Words.unique());
        Api.Response c = api().newMember().post("/api/v1/requests/" + id + "/comments", Map.of("text", "同求，最好有两个版本"));
        assertThat(c.status()).isEqualTo(201);
        assertThat(author.get("/api/v1/requests/" + id + "/comments").json().get(0).get("body").asString())
                .isEqualTo("同求，最好有两个版本");
    }

    @Test
    @DisplayName("an editor may give the material as its id or as a link to its page, as copied from the browser")
    void materialReference() {
        assertThat(RequestBoard.materialIdOf("K3J9QX")).isEqualTo("K3J9QX");
        assertThat(RequestBoard.materialIdOf("  https://wenku.example.cn/materials/K3J9QX?from=search#outline "))
                .isEqualTo("K3J9QX");
        assertThat(RequestBoard.materialIdOf("/materials/K3J9QX/download")).isEqualTo("K3J9QX");
        assertThat(RequestBoard.materialIdOf("https://wenku.example.cn/materials/")).isNull();
        assertThat(RequestBoard.materialIdOf(" ")).isNull();
        assertThat(RequestBoard.materialIdOf(null)).isNull();
    }
}
