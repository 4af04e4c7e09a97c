package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.Words;
import tools.jackson.databind.JsonNode;

/** What the import pipeline recognised, as the editor's page, the reading page, the API and a download show it. */
class RecognisedPagesTest extends IntegrationTest {

    /** A county notice with a 发文字号, run-in headings, 附件说明 and 落款. */
    private static String notice(String unique) {
        return """
                关于做好%s春季森林防火工作的通知
                县政办发〔2019〕2号
                各乡镇人民政府，县直有关单位：
                为切实做好今年春季森林防火工作，确保人民群众生命财产安全，现就有关事项通知如下。
                一、加强火源管理
                （一）严格管控野外火源。各村要加强巡查，严禁在林区野外用火，发现火情立即报告。
                （二）强化重点时段防控。清明节前后要组织力量在进山路口设卡检查，劝返携带火种人员。
                二、落实防火责任
                各乡镇要逐级签订防火责任书，层层压实责任，确保每片山林都有人管、有人护。
                附件：1.森林防火责任表
                2.值班安排表
                县人民政府办公室
                2019年1月24日
                （此件公开发布）
                """.formatted(unique);
    }

    @Test
    @DisplayName("the editor's page: the outline with the document's own numbers only, the stripped lines with their reasons, a warning when no title was found")
    void editorPage() {
        WebSession editor = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        String text = "今天召开这次会议，主要任务是安排部署" + Words.unique() + "春季农业生产工作。\n"
                + "一、提高认识\n要充分认识做好春耕工作的重要意义。\n（一）把握形势\n今年气候多变，任务艰巨。\n"
                + "本资料仅供学习参考，更多资料请加QQ群123456789\n";
        String id = api().asAdmin().multipart("POST", "/api/v1/admin/materials", Map.of("text", text), null, null)
                .json().get("materialId").asString();

        String page = editor.get("/admin/materials/" + id).body();

        assertThat(page).contains("<ul class=\"outline-preview\">").doesNotContain("<ol class=\"outline-preview\">");
        assertThat(page).contains("<li class=\"level-2\"><span class=\"number\">（一）</span><span>把握形势</span></li>");
        Matcher row = Pattern.compile("<table class=\"table stripped-lines\">.*?<td class=\"line\">([^<]*)</td>\\s*"
                + "<td class=\"reason\"[^>]*>([^<]+)</td>", Pattern.DOTALL).matcher(page);
        assertThat(row.find()).as(page).isTrue();
        assertThat(row.group(1)).isEqualTo("本资料仅供学习参考，更多资料请加QQ群123456789");
        assertThat(page).contains("未找到标题，请填写标题").doesNotContain("公文要素");
        JsonNode api = api().get("/api/v1/materials/" + id).json();
        assertThat(api.has("outline")).isTrue();
        assertThat(api.has("documentNumber") || api.has("issuedOn") || api.has("attachments")).isFalse();

        String reading = editor.get("/materials/" + id).body().replaceAll("[\\u200B\\u200C\\u200D\\u2060\\uFEFF]", "");
        assertThat(reading).contains("<a class=\"passage-anchor\" id=\"p0\"></a>", "id=\"p4\"")
                .contains("<h3 id=\"s1-1\" class=\"h2\">（一）把握形势</h3>");

        editor.postForm("/admin/materials/" + id, "/admin/materials/" + id + "/details",
                Map.of("title", "在春季农业生产工作会议上的讲话"));
        assertThat(editor.get("/admin/materials/" + id).body()).doesNotContain("未找到标题，请填写标题");
    }

    @Test
    @DisplayName("a 公文: run-in headings on their line in the page and the TXT, the 公文要素 box for every reader, the elements in the API")
    void officialDocument() {
        Api admin = api().asAdmin();
        String unique = Words.unique();
        Api.Response imported = admin.multipart("POST", "/api/v1/admin/materials", Map.of("tier", "MEMBER"),
                "森林防火通知.txt", notice(unique).getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        String id = imported.json().get("materialId").asString();

        WebSession editor = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        String page = editor.get("/materials/" + id).body().replaceAll("[\\u200B\\u200C\\u200D\\u2060\\uFEFF]", "");
        // the reader's own copy: its words may carry the reader's variations, its layout may not
        assertThat(page).containsPattern("<strong class=\"run-in-lead h2\">（一）[^<]{6,}</strong>各村要[^<]{10,}</p>");
        Matcher outline = Pattern.compile("href=\"#([^\"]+)\">（一）严格管控野外火源<").matcher(page);
        assertThat(outline.find()).as(page).isTrue();
        assertThat(page).contains("<p id=\"" + outline.group(1) + "\" class=\"run-in\">");
        assertThat(page).doesNotContain("<h3 id=\"" + outline.group(1) + "\"");
        assertThat(page).contains("<p class=\"signature\">县人民政府办公室</p>", "<p class=\"signature\">2019年1月24日</p>");
        assertThat(page).containsPattern("<p class=\"attachment\">附件：1\\.\\s*森林防火责任表</p>");
        assertThat(page).contains("<dd class=\"document-number\">县政办发〔2019〕2号</dd>",
                "<dd class=\"issued-on\">2019年1月24日</dd>", "<dd class=\"issuer\">县人民政府办公室</dd>");

        // not entitled: no text, but the outline and the 公文要素 box
        String anonymous = api().get("/materials/" + id).text();
        assertThat(anonymous).contains("公文要素", "县政办发〔2019〕2号").doesNotContain("class=\"run-in\"");
        JsonNode reading = api().get("/api/v1/materials/" + id).json();
        assertThat(reading.get("documentNumber").asString()).isEqualTo("县政办发〔2019〕2号");
        assertThat(reading.get("issuedOn").asString()).isEqualTo("2019-01-24");
        assertThat(reading.get("issuer").asString()).isEqualTo("县人民政府办公室");
        assertThat(reading.get("attachments").get(0).asString()).isEqualTo("森林防火责任表");

        String txt = new String(editor.getBytes("/materials/" + id + "/download?format=txt").body(), StandardCharsets.UTF_8);
        assertThat(txt.replaceAll("[\\u200B\\u200C\\u200D\\u2060\\uFEFF]", ""))
                .containsPattern("\r\n　　（一）[^\r\n]{6,}。各村要[^\r\n]{10,}")
                .doesNotContain("\r\n　　各村要");

        // the editor's page: the elements, and the title taken from the text
        String edit = editor.get("/admin/materials/" + id).body();
        assertThat(edit).contains("<dd class=\"document-number\">县政办发〔2019〕2号</dd>")
                .doesNotContain("未找到标题", "标题取自文件名");
    }

    @Test
    @DisplayName("a text whose title is only in its file's name says so on the editor's page")
    void titleFromFileName() {
        String body = "今天召开这次会议，主要任务是安排部署" + Words.unique() + "春季农业生产工作。\n刚才各镇都作了发言，讲得很好。\n";
        String id = api().asAdmin().multipart("POST", "/api/v1/admin/materials", Map.of(),
                "2024-03-01 在全县春耕生产工作会议上的讲话.txt", body.getBytes(StandardCharsets.UTF_8))
                .json().get("materialId").asString();

        String edit = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD).get("/admin/materials/" + id).body();

        assertThat(edit).contains("标题取自文件名").doesNotContain("未找到标题，请填写标题");
    }
}
