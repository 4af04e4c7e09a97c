package org.scriptorium.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;

/** A draft is announced by its publication, once, and not before. */
class DraftEventsTest extends IntegrationTest {

    private String importText(Api admin, boolean draft) {
        Api.Response r = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text",
                Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique()), "tier", "FREE",
                "draft", String.valueOf(draft)), null, null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("materialId").asString();
    }

    @Test
    @DisplayName("importing a draft sends no event or notification; publishing it sends one; publishing again none")
    void draftAnnouncedOnceWhenPublished() throws Exception {
        Api admin = api().asAdmin();
        Api member = api().newMember();
        String token = member.token(member.get("/api/v1/me").json().get("email").asString(), Api.MEMBER_PASSWORD);
        try (EventStream stream = EventStream.open(port, token)) {
            String draft = importText(admin, true);
            String sentinel = importText(admin, false);
            EventStream.Event first = stream.next(e -> EventStream.about(e, draft) || EventStream.about(e, sentinel),
                    Duration.ofSeconds(10));
            assertThat(first).isNotNull();
            assertThat(first.data().get("materialId").asString()).as("the draft was not announced").isEqualTo(sentinel);
            assertThat(member.get("/api/v1/notifications").text()).doesNotContain(draft).contains(sentinel);

            // a revision of a draft (a stripped line put back) announces nothing either
            String line = admin.get("/api/v1/admin/materials/" + draft + "/preview").json()
                    .get("strippedLines").get(0).get("text").asString();
            assertThat(admin.post("/api/v1/admin/materials/" + draft + "/put-back", Map.of("lines", java.util.List.of(line)))
                    .status()).isEqualTo(200);

            assertThat(admin.post("/api/v1/admin/materials/" + draft + "/publish", Map.of()).status()).isEqualTo(200);
            EventStream.Event published = stream.nextAbout(draft);
            assertThat(published).as("publishing announces it").isNotNull();
            assertThat(published.data().get("type").asString()).isEqualTo("MATERIAL_PUBLISHED");

            assertThat(admin.post("/api/v1/admin/materials/" + draft + "/publish", Map.of()).status()).isEqualTo(200);
            String later = importText(admin, false);
            EventStream.Event next = stream.next(e -> EventStream.about(e, draft) || EventStream.about(e, later),
                    Duration.ofSeconds(10));
            assertThat(next).isNotNull();
            assertThat(next.data().get("materialId").asString()).as("published once only").isEqualTo(later);
            int told = 0;
            for (tools.jackson.databind.JsonNode item : member.get("/api/v1/notifications").json().get("items")) {
                told += item.get("link").asString().contains(draft) ? 1 : 0;
            }
            assertThat(told).as("one notification").isEqualTo(1);
        }
    }
}
