package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.bench.TraceSimulation;
import org.scriptorium.tracer.Leak;
import org.scriptorium.tracer.LeakedText;
import org.scriptorium.tracer.TraceResult;

/**
 * The member's DOCX, its invisible layer in hidden paragraphs, as the tracer's intake reads it (the same two calls as
 * {@code tracer.LeakIntake}): the payload is still read, and the text alone, as copied out of Word without the hidden
 * text, still names the member by the robust layer.
 */
@DisplayName("a member's DOCX, traced")
class DocxTraceTest {

    private static final int MEMBER = 61;
    private static TraceSimulation sim;
    private static byte[] docx;

    @BeforeAll
    static void library() {
        sim = new TraceSimulation(200, 1, 20261206L);
        docx = sim.docx(MEMBER, 0);
    }

    @Test
    @DisplayName("the file names its member, with the invisible payload and the file token reported as consistent")
    void file() {
        String text = LeakedText.extract("转卖.docx", docx, 5L * 1024 * 1024);
        TraceResult result = sim.tracer().trace(List.of(new Leak("转卖.docx", text, FileTraces.read("转卖.docx", docx))));

        assertThat(result.suspects()).extracting(TraceResult.Suspect::memberNumber).containsExactly((long) MEMBER);
        assertThat(result.suspects().getFirst().layers().fragilePayloads()).isPositive();
        assertThat(result.pointers()).extracting(TraceResult.Pointer::layer).contains("FRAGILE", "FILE");
        assertThat(result.pointers()).allSatisfy(p -> {
            assertThat(p.memberNumber()).isEqualTo(MEMBER);
            assertThat(p.consistent()).isTrue();
        });
    }

    @Test
    @DisplayName("its visible text alone (what Word copies with hidden text not shown) names the member by the robust layer")
    void copiedText() throws IOException {
        String visible;
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            visible = doc.getParagraphs().stream()
                    .map(p -> p.getRuns().stream().filter(r -> !r.isVanish()).map(XWPFRun::text).collect(Collectors.joining()))
                    .filter(t -> !t.isEmpty()).collect(Collectors.joining("\n"));
            assertThat(doc.getParagraphs()).extracting(XWPFParagraph::getText).anyMatch(t -> t.contains("\u200B")
                    || t.contains("\u200C") || t.contains("\u200D") || t.contains("\u2060"));
        }
        assertThat(visible).doesNotContainPattern("[\\u200B\\u200C\\u200D\\u2060]");

        TraceResult result = sim.tracer().trace(List.of(new Leak("粘贴的文本", visible, List.of())));

        assertThat(result.suspects()).extracting(TraceResult.Suspect::memberNumber).containsExactly((long) MEMBER);
        assertThat(result.suspects().getFirst().layers().fragilePayloads()).isZero();
        assertThat(result.pointers()).isEmpty();
    }
}
