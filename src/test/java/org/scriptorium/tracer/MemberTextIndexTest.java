package org.scriptorium.tracer;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.bench.TraceSimulation;
import org.scriptorium.library.StructureParser;

/** The leak guard's matcher: what it holds, what it lets through. */
@DisplayName("The leak guard's matcher")
class MemberTextIndexTest {

    private static final Path REAL = Path.of("src/test/resources/corpus/real");
    /** Real documents the library holds as member materials; the other real documents are public text outside it. */
    private static final List<String> MEMBER_DOCUMENTS = List.of(
            "D01_国务院关于印发国家职业教育改革实施方案的通知.txt",
            "E01_上海市交通委员会关于印发《上海市低空飞行服务管理能力建设实施方案》的通知.txt");

    private static TraceSimulation sim;
    private static MemberTextIndex index;
    private static int firstReal;
    private static int free;
    private static List<String> outside;

    @BeforeAll
    static void library() throws IOException {
        sim = new TraceSimulation(20, 6, 20261216L);
        firstReal = sim.materials();
        StructureParser parser = new StructureParser();
        outside = new ArrayList<>();
        try (Stream<Path> files = Files.list(REAL)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (MEMBER_DOCUMENTS.contains(f.getFileName().toString())) {
                    sim.addMaterial(f.getFileName().toString(), parser.parse(text).paragraphs(), false, m -> true);
                } else {
                    outside.add(text);
                }
            }
        }
        // a free teaser repeating the first half of generated material 0
        List<String> teaser = sim.paragraphs(0).subList(0, sim.paragraphs(0).size() / 2);
        free = sim.addMaterial("免费试读", teaser, true, m -> true);
        index = new MemberTextIndex();
        for (int m = 0; m < sim.materials(); m++) {
            index.add("m" + m, m == free, String.join("\n", sim.paragraphs(m)));
        }
    }

    /** About {@code length} visible characters of member {@code member}'s copy, from {@code from} on. */
    private static String excerpt(int member, int material, int from, int length) {
        List<String> copy = sim.copy(member, material);
        String text = String.join("\n", copy.subList(0, copy.size() - 1));
        StringBuilder out = new StringBuilder();
        int visible = 0;
        for (int i = from; i < text.length() && visible < length; i++) {
            out.append(text.charAt(i));
            visible += Character.getType(text.charAt(i)) == Character.FORMAT ? 0 : 1;
        }
        return out.toString();
    }

    private static String retyped(String text) {
        return text.replaceAll("[\\u200B\\u200C\\u200D\\u2060]", "").replace('，', ' ').replace('。', '.')
                .replace('、', '/').replace("\n", "");
    }

    @Test
    @DisplayName("300 characters of a member's copy are held, and name the material")
    void copyHeld() {
        // material 0's first half is in the FREE teaser: see freeTextPasses
        for (int material = 1; material < sim.materials(); material++) {
            if (material == free) {
                continue;
            }
            MemberTextIndex.Inspection found = index.inspect(excerpt(3, material, 400, 300));
            assertThat(found.held()).as("material %d: %s", material, found).isTrue();
            assertThat(found.materialId()).isEqualTo("m" + material);
        }
    }

    @Test
    @DisplayName("excerpts of 120 characters retyped with other punctuation are held, and most of 80")
    void shortRetypedExcerptsHeld() {
        SplittableRandom random = new SplittableRandom(5);
        int held80 = 0;
        for (int trial = 0; trial < 20; trial++) {
            int material = firstReal + random.nextInt(MEMBER_DOCUMENTS.size());
            int from = random.nextInt(5_000);
            assertThat(index.inspect(retyped(excerpt(trial, material, from, 120))).held()).isTrue();
            held80 += index.inspect(retyped(excerpt(trial, material, from, 80))).held() ? 1 : 0;
        }
        assertThat(held80).isGreaterThanOrEqualTo(15);
    }

    @Test
    @DisplayName("spaces, zero-width characters, full-width letters or Traditional characters between the characters hide nothing")
    void disguisesHeld() {
        String copy = excerpt(7, firstReal, 2_000, 300);
        StringBuilder spaced = new StringBuilder();
        StringBuilder invisible = new StringBuilder();
        StringBuilder traditional = new StringBuilder();
        int han = 0;
        for (char c : copy.toCharArray()) {
            spaced.append(c).append(' ');
            invisible.append(c).append('\u200B').append('\uFEFF');
            boolean isHan = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
            traditional.append(isHan && han++ % 2 == 0 ? ZhConverterUtil.toTraditional(String.valueOf(c)) : c);
        }
        StringBuilder wide = new StringBuilder();
        for (char c : copy.toCharArray()) {
            wide.append(c >= '!' && c <= '~' ? (char) (c - 0x21 + 0xFF01) : c == '，' ? ',' : c);
        }
        for (String disguised : List.of(spaced.toString(), invisible.toString(), wide.toString(),
                traditional.toString(), ZhConverterUtil.toTraditional(copy), "😀" + String.join("😀", copy.split("")))) {
            assertThat(index.inspect(disguised).held()).as(disguised).isTrue();
        }
    }

    @Test
    @DisplayName("chat lines and quotes of official phrases pass")
    void chatPasses() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/guard/chat-lines.txt"));
        assertThat(lines).hasSizeGreaterThanOrEqualTo(200);
        for (String line : lines) {
            assertThat(index.inspect(line).held()).as(line).isFalse();
        }
        for (String phrase : List.of("高举中国特色社会主义伟大旗帜", "深入学习贯彻习近平新时代中国特色社会主义思想",
                "深入学习贯彻党的二十大精神，坚持以人民为中心的发展思想，完整准确全面贯彻新发展理念")) {
            assertThat(index.inspect(phrase).held()).as(phrase).isFalse();
        }
    }

    @Test
    @DisplayName("text a FREE material holds passes, even where a member material holds it too")
    void freeTextPasses() {
        String teaserCopy = excerpt(4, free, 0, 300);
        assertThat(index.inspect(teaserCopy).evidence()).isLessThan(MemberTextIndex.HOLD_AT);
        // the second half of material 0 is in no FREE material: held
        String text = String.join("\n", sim.paragraphs(0));
        assertThat(index.inspect(text.substring(text.length() - 300)).held()).isTrue();
    }

    @Test
    @DisplayName("no paragraph and no 300-character window of the real documents outside the library is held")
    void publicDocumentsPass() {
        int paragraphs = 0;
        for (String document : outside) {
            for (String line : document.split("\n")) {
                paragraphs++;
                assertThat(index.inspect(line).held()).as(line).isFalse();
            }
            for (int from = 0; from < document.length(); from += 150) {
                String window = document.substring(from, Math.min(document.length(), from + 300));
                assertThat(index.inspect(window).held()).as(window).isFalse();
            }
        }
        assertThat(paragraphs).isGreaterThan(2_000);
    }

    @Test
    @DisplayName("a passage stored for more than STOCK materials is a stock phrase; a removed material or one made FREE no longer holds")
    void stockRemovedAndFree() {
        MemberTextIndex small = new MemberTextIndex();
        String passage = String.join("\n", sim.paragraphs(1)).substring(0, 400);
        for (int i = 0; i <= MemberTextIndex.STOCK; i++) {
            small.add("s" + i, false, "第" + i + "份。" + passage);
        }
        assertThat(small.inspect(passage).held()).isFalse();
        small.add("own", false, passage.substring(200) + String.join("\n", sim.paragraphs(2)));
        String own = String.join("\n", sim.paragraphs(2)).substring(0, 300);
        assertThat(small.inspect(own).materialId()).isEqualTo("own");
        assertThat(small.inspect(own).held()).isTrue();
        small.setFree("own", true);
        assertThat(small.inspect(own).held()).isFalse();
        small.setFree("own", false);
        small.remove("own");
        assertThat(small.inspect(own).held()).isFalse();
        assertThat(small.contains("own")).isFalse();
    }
}
