package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.WebSession;
import tools.jackson.databind.JsonNode;

/** The import's character limit (scriptorium.import.max-characters, 500,000 by default). */
class ImportLimitTest extends IntegrationTest {

    /** The demo speech repeated past the limit: a valid text, just too long (about 1.5 MB, under the upload limit). */
    private static String tooLong() {
        StringBuilder text = new StringBuilder(Speeches.RURAL_MEETING);
        while (text.length() <= 500_000) {
            text.append(Speeches.RURAL_MEETING, Speeches.RURAL_MEETING.indexOf("今天"), Speeches.RURAL_MEETING.length());
        }
        return text.toString();
    }

    @Test
    @DisplayName("a text over the limit, as a file or pasted, is refused with TEXT_TOO_LONG naming both counts, and nothing changes")
    void refused() {
        Api admin = api().asAdmin();
        String text = tooLong();
        long before = admin.get("/api/v1/materials?size=1").json().get("total").asLong();

        Api.Response file = admin.multipart("POST", "/api/v1/admin/materials", Map.of(), "long.txt",
                text.getBytes(StandardCharsets.UTF_8));
        assertThat(file.status()).isEqualTo(413);
        JsonNode problem = file.json();
        assertThat(problem.get("code").asString()).isEqualTo("TEXT_TOO_LONG");
        assertThat(problem.get("detail").asString()).contains("500,000", "分篇导入");
        assertThat(counted(problem.get("detail").asString())).isBetween(500_001, text.length());

        Api.Response pasted = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", text), null, null);
        assertThat(pasted.status()).isEqualTo(413);
        assertThat(pasted.json().get("code").asString()).isEqualTo("TEXT_TOO_LONG");
        Api.Response english = admin.inLanguage("en").multipart("POST", "/api/v1/admin/materials", Map.of("text", text),
                null, null);
        assertThat(english.json().get("detail").asString()).contains("500,000", "characters");
        assertThat(counted(english.json().get("detail").asString())).isBetween(500_001, text.length());

        String id = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", Speeches.RURAL_MEETING), null, null)
                .json().get("materialId").asString();
        Api.Response revised = admin.multipart("PUT", "/api/v1/admin/materials/" + id,
                Map.of("changeNote", "整本合集", "text", text), null, null);
        assertThat(revised.json().get("code").asString()).isEqualTo("TEXT_TOO_LONG");
        assertThat(admin.get("/api/v1/materials/" + id).json().get("revision").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/v1/materials?size=1").json().get("total").asLong()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("the import page says in Chinese how long the text is and what the limit is")
    void page() {
        WebSession editor = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        String text = tooLong();
        editor.postMultipart("/admin/materials", "/admin/materials", Map.of(), "long.txt",
                text.getBytes(StandardCharsets.UTF_8));
        String page = editor.get("/admin/materials").body();
        assertThat(page).contains("超过每篇 500,000 字的上限", "分篇导入");
        assertThat(counted(page.substring(page.indexOf("正文共")))).isBetween(500_001, text.length());
    }

    /** The first count in a message, e.g. 500,122 in 正文共 500,122 字. */
    private static int counted(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d{1,3}(,\\d{3})+").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return Integer.parseInt(m.group().replace(",", ""));
    }
}
