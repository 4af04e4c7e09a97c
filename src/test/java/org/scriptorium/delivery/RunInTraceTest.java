package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.bench.TraceSimulation;
import org.scriptorium.library.Block;
import org.scriptorium.library.Heading;
import org.scriptorium.library.Paragraph;
import org.scriptorium.tracer.Leak;
import org.scriptorium.tracer.LeakTracer;
import org.scriptorium.tracer.LeakedText;
import org.scriptorium.tracer.TraceResult;

/**
 * The writers put a heading and its run-in text on one line, where the copy has two marked paragraphs: the tracer
 * reads a site by the characters around it within its own paragraph and compares a leak without its line breaks, so
 * such a file still names its reader.
 */
@DisplayName("downloads with run-in headings, leaked, are traced back to their member")
class RunInTraceTest {

    private static final int MEMBERS = 200;
    private static TraceSimulation sim;
    private static List<Block> blocks;
    private static int material;

    /** A generated material whose every third paragraph runs in after a （n） heading. */
    @BeforeAll
    static void library() {
        sim = new TraceSimulation(MEMBERS, 1, 20261213L);
        blocks = new ArrayList<>();
        List<String> generated = sim.paragraphs(0);
        for (int i = 0; i < generated.size(); i++) {
            if (i % 3 == 1) {
                int n = blocks.size();
                blocks.add(new Heading(2, "（" + n + "）", "第" + n + "项工作要抓紧抓实",
                        "（" + n + "）第" + n + "项工作要抓紧抓实。", "s1-" + n));
                blocks.add(new Paragraph(generated.get(i), 0, false, Paragraph.Role.RUN_IN));
            } else {
                blocks.add(new Paragraph(generated.get(i), 0, false));
            }
        }
        material = sim.addMaterial("含并列标题的资料", blocks.stream().map(Block::text).toList(), false, m -> true);
    }

    /** The member's TXT download, laid out as {@link Downloads} does, as the tracer's intake reads it. */
    private static String txt(int member) {
        return LeakedText.extract("转卖.txt", new TxtWriter().write(download(member)), 5L * 1024 * 1024);
    }

    /** The member's copy laid out as {@link Downloads} does: each heading and its run-in text on one line. */
    private static DeliveredDocument download(int member) {
        List<String> copy = sim.copy(member, material);
        List<Block> marked = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            marked.add(switch (blocks.get(i)) {
                case Heading h -> h.withText(copy.get(i));
                case Paragraph p -> p.withText(copy.get(i));
            });
        }
        return Downloads.document("含并列标题的资料", null, marked, copy.getLast());
    }

    private static Set<Long> named(String text) {
        LeakTracer tracer = sim.tracer();
        TraceResult result = tracer.trace(List.of(new Leak("转卖.txt", text, List.of())));
        return result.suspects().stream().map(TraceResult.Suspect::memberNumber).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("the leaked file, its notice line cut and its invisible marks stripped, names its member and no one else")
    void traced() {
        String text = txt(37);
        String stripped = text.lines().filter(l -> !l.contains("个人副本")).collect(Collectors.joining("\n"))
                .replaceAll("[\\u200B\\u200C\\u200D\\u2060\\uFEFF]", "");
        assertThat(stripped.lines().filter(l -> l.matches("\\s*（\\d+）第\\d+项工作要抓紧抓实。\\S{10,}")))
                .as(stripped).hasSizeGreaterThan(2);

        assertThat(named(stripped)).containsExactly(37L);
        assertThat(named(txt(101))).containsExactly(101L);
    }

    @Test
    @DisplayName("so are its DOCX and PDF, with no file token and their invisible marks stripped")
    void tracedFromDocxAndPdf() {
        String docx = LeakedText.extract("转卖.docx", new DocxWriter().write(download(58)), 5L * 1024 * 1024);
        String pdf = LeakedText.extract("转卖.pdf", new PdfWriter().write(download(143)),
                5L * 1024 * 1024);

        assertThat(named(docx.replaceAll("[\\u200B\\u200C\\u200D\\u2060\\uFEFF]", ""))).containsExactly(58L);
        assertThat(named(pdf.replaceAll("[\\u200B\\u200C\\u200D\\u2060\\uFEFF]", ""))).containsExactly(143L);
    }
}
