package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** A short material's preview, wherever a reader who may not read it sees one. */
class PreviewPagesTest extends IntegrationTest {

    /** 42 non-whitespace characters: a sentence, so not taken for a title line. */
    private static final String BODY = "今天召开这次会议，主要任务是安排部署春季农业生产工作。刚才各镇都作了发言，讲得很好。";

    @Test
    @DisplayName("a 42-character material shows at most 14 characters in the API, on its page and in the feed")
    void shortMaterial() {
        assertThat(BODY).hasSize(42);
        Api admin = api().asAdmin();
        Api.Response imported = admin.multipart("POST", "/api/v1/admin/materials",
                Map.of("title", "关于短文预览的讲话", "text", BODY), null, null);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        String id = imported.json().get("materialId").asString();

        JsonNode api = api().get("/api/v1/materials/" + id).json();
        assertThat(api.get("characters").asInt()).isEqualTo(42);
        assertThat(shown(api.get("preview").asString())).isEqualTo(BODY.substring(0, 14));

        String page = api().get("/materials/" + id).text();
        assertThat(page).contains(BODY.substring(0, 14)).doesNotContain(BODY.substring(0, 15));

        String feed = api().get("/feed.atom").text();
        Matcher entry = Pattern.compile("urn:scriptorium:material:" + id + ".*?</entry>", Pattern.DOTALL).matcher(feed);
        assertThat(entry.find()).isTrue();
        assertThat(entry.group()).contains(BODY.substring(0, 14)).doesNotContain(BODY.substring(0, 15));
    }

    private static String shown(String preview) {
        return preview.endsWith("……") ? preview.substring(0, preview.length() - 2) : preview;
    }
}
