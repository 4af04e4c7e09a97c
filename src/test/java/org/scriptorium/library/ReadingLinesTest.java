package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/** The reading view's lines and the 公文要素 box, from hand-made blocks, through the real templates. */
@DisplayName("reading view: run-in headings, 附件说明, 落款 and the 公文要素 box")
class ReadingLinesTest {

    static final String HEADING = "（一）严格管控××野外火源。";
    static final String RUN_IN = "各村要加强巡查，严禁在林区野外用火。";

    static List<Block> blocks() {
        return List.of(
                new Paragraph("为切实做好森林防火工作，现通知如下。", 0, false),
                new Heading(1, "一、", "加强火源管理", "一、加强火源管理", "s1"),
                new Heading(2, "（一）", "严格管控××野外火源", HEADING, "s1-1"),
                new Paragraph(RUN_IN, 0, false, Paragraph.Role.RUN_IN),
                new Paragraph("附件：森林防火责任表", 0, false, Paragraph.Role.ATTACHMENT),
                new Paragraph("县人民政府办公室", 0, false, Paragraph.Role.SIGNATURE),
                new Paragraph("2019年1月24日", 0, false, Paragraph.Role.SIGNATURE));
    }

    private static String render(String fragment, Map<String, Object> variables) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        ClassLoaderTemplateResolver files = new ClassLoaderTemplateResolver();
        files.setPrefix("templates/");
        files.setSuffix(".html");
        files.setTemplateMode(TemplateMode.HTML);
        files.setCheckExistence(true);
        files.setOrder(1);
        StringTemplateResolver strings = new StringTemplateResolver();
        strings.setOrder(2);
        engine.addTemplateResolver(files);
        engine.addTemplateResolver(strings);
        Context context = new Context();
        context.setVariables(variables);
        return engine.process("<div th:replace=\"~{" + fragment + "}\"></div>", context).replaceAll(">\\s+<", "><");
    }

    @Test
    @DisplayName("a heading and its run-in text make one line on both block indices; the others one line per block")
    void lines() {
        List<LibraryPages.Line> lines = LibraryPages.Line.of(blocks());

        assertThat(lines).extracting(LibraryPages.Line::blocks)
                .containsExactly(List.of(0), List.of(1), List.of(2, 3), List.of(4), List.of(5), List.of(6));
        LibraryPages.Line runIn = lines.get(2);
        assertThat(runIn.tag()).isEqualTo("p");
        assertThat(runIn.anchor()).isEqualTo("s1-1");
        assertThat(runIn.leadClass()).isEqualTo("h2");
        assertThat(runIn.lead()).extracting(Placeholders.Span::text).containsExactly("（一）严格管控", "××", "野外火源。");
        assertThat(runIn.spans()).extracting(Placeholders.Span::text).containsExactly(RUN_IN);
        assertThat(lines).extracting(LibraryPages.Line::cssClass)
                .containsExactly(null, "h1", "run-in", "attachment", "signature", "signature");
    }

    @Test
    @DisplayName("a run-in paragraph with no heading before it is an ordinary paragraph")
    void orphan() {
        assertThat(LibraryPages.Line.of(List.of(new Paragraph(RUN_IN, 0, false, Paragraph.Role.RUN_IN))))
                .singleElement().satisfies(line -> {
                    assertThat(line.tag()).isEqualTo("p");
                    assertThat(line.lead()).isEmpty();
                    assertThat(line.blocks()).containsExactly(0);
                });
    }

    @Test
    @DisplayName("the template sets the run-in heading in bold inside the paragraph, keeps every passage anchor, and classes 附件 and 落款")
    void template() {
        String html = render("library/body :: lines(${lines})", Map.of("lines", LibraryPages.Line.of(blocks())));

        assertThat(html).contains("<a class=\"passage-anchor\" id=\"p2\"></a><a class=\"passage-anchor\" id=\"p3\"></a>"
                + "<p id=\"s1-1\" class=\"run-in\"><strong class=\"run-in-lead h2\">（一）严格管控<mark class=\"ph\" title=\"其他\" data-meaning=\"other\">××</mark>"
                + "野外火源。</strong>" + RUN_IN + "</p>");
        assertThat(html).doesNotContain("<h3");
        assertThat(html).contains("<h2 id=\"s1\" class=\"h1\">一、加强火源管理</h2>");
        assertThat(html).contains("<p class=\"attachment\">附件：森林防火责任表</p>",
                "<p class=\"signature\">县人民政府办公室</p>", "<p class=\"signature\">2019年1月24日</p>");
        for (int i = 0; i < blocks().size(); i++) {
            assertThat(html).contains("id=\"p" + i + "\"");
        }
    }

    @Test
    @DisplayName("the editor is warned when no title was found, told when it came from the file's name, and neither once they gave one")
    void titleOrigin() {
        assertThat(render("library/body :: titleOrigin(${origin})", Map.of("origin", TitleOrigin.NONE)))
                .contains("未找到标题，请填写标题").doesNotContain("标题取自文件名");
        assertThat(render("library/body :: titleOrigin(${origin})", Map.of("origin", TitleOrigin.FILE_NAME)))
                .contains("标题取自文件名").doesNotContain("未找到标题");
        assertThat(render("library/body :: titleOrigin(${origin})", Map.of("origin", TitleOrigin.TEXT)))
                .doesNotContain("标题取自文件名", "未找到标题");

        ParsedMaterial parsed = new ParsedMaterial("在全县春耕生产工作会议上的讲话", TitleOrigin.FILE_NAME, null, blocks(),
                List.of(), List.of(), OfficialElements.NONE, "", 0);
        java.time.Instant now = java.time.Instant.parse("2024-03-01T00:00:00Z");
        Material detected = new Material("m1", "在全县春耕生产工作会议上的讲话", "讲话稿", List.of(), null, now, 1, now, now, null);
        Material renamed = new Material("m1", "在春耕生产工作会议上的讲话", "讲话稿", List.of(), null, now, 1, now, now, null);
        assertThat(LibraryAdminPages.titleOrigin(detected, parsed)).isEqualTo(TitleOrigin.FILE_NAME);
        assertThat(LibraryAdminPages.titleOrigin(renamed, parsed)).isEqualTo(TitleOrigin.TEXT);
    }

    @Test
    @DisplayName("the 公文要素 box lists what was found, the date as 2019年1月24日, and is left out when nothing was")
    void elements() {
        OfficialElements found = new OfficialElements("国办发〔2019〕2号", "各省、自治区、直辖市人民政府", "国务院办公厅",
                LocalDate.of(2019, 1, 24), List.of("森林防火责任表", "值班表"));
        String html = render("library/body :: elements(${box})", Map.of("box", ElementsBox.of(found)));

        assertThat(html).contains("<h2>公文要素</h2>", "<dt>发文字号</dt><dd class=\"document-number\">国办发〔2019〕2号</dd>",
                "<dt>主送机关</dt><dd class=\"recipients\">各省、自治区、直辖市人民政府</dd>",
                "<dt>发文机关（落款）</dt><dd class=\"issuer\">国务院办公厅</dd>",
                "<dt>成文日期</dt><dd class=\"issued-on\">2019年1月24日</dd>", "<li>森林防火责任表</li><li>值班表</li>");

        OfficialElements dateOnly = new OfficialElements(null, null, null, LocalDate.of(2024, 12, 5), List.of());
        String partial = render("library/body :: elements(${box})", Map.of("box", ElementsBox.of(dateOnly)));
        assertThat(partial).contains("2024年12月5日").doesNotContain("发文字号", "附件");

        assertThat(ElementsBox.of(OfficialElements.NONE)).isNull();
        java.util.HashMap<String, Object> none = new java.util.HashMap<>();
        none.put("box", null);
        assertThat(render("library/body :: elements(${box})", none)).doesNotContain("公文要素");
    }
}
