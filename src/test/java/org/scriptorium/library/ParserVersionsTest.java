package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A revision is read again by the parser that first read it: a revision saved before the import pipeline keeps its old
 * paragraphs (copies already delivered and the tracer depend on them), and a new one reads back exactly as imported.
 */
class ParserVersionsTest extends IntegrationTest {

    @Autowired
    Materials materials;

    @Autowired
    JdbcClient jdbc;

    private static final String SOURCE = """
            在全县森林防火工作会议上的讲话
            同志们：
            （一）严格管控野外火源。各村要落实网格化管理，一是加强巡查；二是加强宣传。
            本文仅供学习参考
            谢谢大家！
            """;

    @Test
    @DisplayName("a revision saved by the first parser is read as it was then, run-in text split off and no cleaning")
    void firstParserRevisionReadAsBefore() {
        String id = materials.importMaterial(MaterialDraft.ofText(SOURCE), null).material().id();
        // what a revision saved before this version looks like: parser 1, no cleaned text, no stripped lines
        jdbc.sql("UPDATE material_revisions SET parser_version = 1, cleaned_text = NULL, stripped_lines = NULL WHERE material_id = ?")
                .param(id).update();

        ParsedMaterial old = materials.parse(materials.revision(id, 1));

        assertThat(old).isEqualTo(new StructureParser().parseFirstVersion(SOURCE));
        assertThat(old.blocks().get(1)).isEqualTo(new Paragraph("各村要落实网格化管理，一是加强巡查；二是加强宣传。", 2, false));
    }

    @Test
    @DisplayName("a revision saved now reads back exactly as imported, whatever the rules are later")
    void currentRevisionReadsBackAsImported() {
        ImportResult imported = materials.importMaterial(new MaterialDraft(SOURCE, "讲话.txt",
                SOURCE.getBytes(StandardCharsets.UTF_8), null, null, null, null, null, null), null);

        Revision saved = materials.revision(imported.material().id(), 1);
        ParsedMaterial again = materials.parse(saved);

        assertThat(saved.parserVersion()).isEqualTo(StructureParser.CURRENT_VERSION);
        assertThat(again).isEqualTo(imported.parsed());
        assertThat(again.strippedLines()).extracting(StrippedLine::text).containsExactly("本文仅供学习参考");
        assertThat(again.blocks().get(1)).isEqualTo(new Paragraph("各村要落实网格化管理，一是加强巡查；二是加强宣传。", 2, false,
                Paragraph.Role.RUN_IN));
        assertThat(saved.body()).contains("（一）严格管控野外火源。各村要落实网格化管理");
    }

    @Test
    @DisplayName("the import result carries the 公文 elements, the stripped lines with reasons and where the title came from")
    void apiResult() throws Exception {
        Path d01 = Path.of("src/test/resources/corpus/real/D01_国务院关于印发国家职业教育改革实施方案的通知.txt");
        Api.Response r = api().asAdmin().multipart("POST", "/api/v1/admin/materials", Map.of("tier", "FREE"),
                d01.getFileName().toString(), Files.readAllBytes(d01));

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode json = r.json();
        assertThat(json.get("title").asString()).isEqualTo("国务院关于印发国家职业教育改革实施方案的通知");
        assertThat(json.get("titleOrigin").asString()).isEqualTo("TEXT");
        assertThat(json.get("documentNumber").asString()).isEqualTo("国发〔2019〕4号");
        assertThat(json.get("recipients").asString()).isEqualTo("各省、自治区、直辖市人民政府，国务院各部委、各直属机构");
        assertThat(json.get("issuer").asString()).isEqualTo("国务院");
        assertThat(json.get("issuedOn").asString()).isEqualTo("2019-01-24");
        assertThat(json.get("strippedNotices").isArray()).isTrue();
        assertThat(json.get("strippedLines").isArray()).isTrue();
        assertThat(json.has("attachments")).isFalse();

        Api.Response web = api().asAdmin().multipart("POST", "/api/v1/admin/materials", Map.of("tier", "FREE"),
                "2026年北京市政府工作报告.txt", Files.readAllBytes(Path.of("src/test/resources/corpus/real/B01_2026年北京市政府工作报告.txt")));
        JsonNode stripped = web.json().get("strippedLines");
        assertThat(web.json().get("title").asString()).isEqualTo("2026年北京市政府工作报告");
        assertThat(stripped.get(0).get("text").asString()).isEqualTo("下载");
        assertThat(stripped.get(0).get("rule").asString()).isEqualTo("web-toolbar");
        assertThat(stripped.get(0).get("reason").asString()).isEqualTo("网页工具栏");
        assertThat(List.of(web.json().get("salutation").asString())).containsExactly("各位代表：");
    }
}
