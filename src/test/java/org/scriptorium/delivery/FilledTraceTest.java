package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.bench.TraceSimulation;
import org.scriptorium.library.Block;
import org.scriptorium.library.Paragraph;
import org.scriptorium.tracer.Leak;
import org.scriptorium.tracer.LeakedText;
import org.scriptorium.tracer.TraceResult;

/** A member fills the placeholders of a material, downloads it and the file leaks: the tracer still names them. */
@DisplayName("a leaked download with the reader's fill-ins is traced back to its member")
class FilledTraceTest {

    private static final int MEMBERS = 200;
    private static TraceSimulation sim;
    private static List<String> paragraphs;
    private static int material;

    /** A generated material with places, counts and names left as placeholders throughout, as templates have them. */
    @BeforeAll
    static void library() {
        sim = new TraceSimulation(MEMBERS, 1, 20261206L);
        paragraphs = new ArrayList<>();
        String[] placeholders = {"××县", "目标责任书××份", "××同志", "××镇"};
        int n = 0;
        for (String p : sim.paragraphs(0)) {
            StringBuilder b = new StringBuilder();
            for (char c : p.toCharArray()) {
                b.append(c);
                if (c == '，' && n++ % 3 == 0) {
                    b.append(placeholders[n % placeholders.length]);
                }
            }
            paragraphs.add(b.toString());
        }
        material = sim.addMaterial("××县安全生产目标责任书", paragraphs, false, m -> true);
    }

    /** The member's TXT download with their values in it, as the tracer's intake reads the file. */
    private static String filledTxt(int member, FillIns fills) {
        List<String> copy = sim.copy(member, material);
        List<Block> marked = new ArrayList<>();
        for (int i = 0; i < paragraphs.size(); i++) {
            marked.add(new Paragraph(copy.get(i), 0, false));
        }
        DeliveredDocument document = fills.applyTo(
                Downloads.document("××县安全生产目标责任书", null, marked, "仅供学习 禁止外传 · Scriptorium"));
        return LeakedText.extract("转卖.txt", new TxtWriter().write(document), 5L * 1024 * 1024);
    }

    private static Set<Long> named(String text) {
        TraceResult result = sim.tracer().trace(List.of(new Leak("转卖.txt", text, List.of())));
        return result.suspects().stream().map(TraceResult.Suspect::memberNumber).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("地名=青山县 and 数字=3: the TXT names the member and nobody else, with or without its invisible marks")
    void traced() {
        FillIns fills = FillIns.from(Map.of("fill.place", List.of("青山"), "fill.number", List.of("3")));
        String text = filledTxt(77, fills);
        assertThat(text).contains("青山县", "目标责任书3份").doesNotContain("××县", "××份");

        String stripped = text.lines().filter(l -> !l.contains("仅供学习")).collect(Collectors.joining("\n"))
                .replaceAll("[\\u200B\\u200C\\u200D\\u2060\\uFEFF]", "");
        assertThat(named(stripped)).containsExactly(77L);
        assertThat(named(text)).containsExactly(77L);
    }
}
