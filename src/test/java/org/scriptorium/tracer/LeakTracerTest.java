package org.scriptorium.tracer;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.bench.TraceSimulation;

/** The leaks the tracer used to miss, over 10,000 simulated members: found now, and their leakers named. */
@DisplayName("The tracer on real leaks")
class LeakTracerTest {

    private static final int MEMBERS = 10_000;
    private static TraceSimulation sim;
    private static int reimport;
    private static List<String> unrelated;
    private static LeakTracer tracer;

    @BeforeAll
    static void library() {
        sim = new TraceSimulation(MEMBERS, 24, 20261207L);
        reimport = sim.addMaterial("重新导入的资料", sim.paragraphs(0), false, m -> m >= MEMBERS / 2);
        unrelated = TraceSimulation.unrelatedTexts(99);
        tracer = sim.tracer();
    }

    private static String clean(int member, int material) {
        List<String> copy = sim.copy(member, material);
        return String.join("\n", copy.subList(0, copy.size() - 1)).replaceAll("[\\u200B\\u200C\\u200D\\u2060]", "");
    }

    private static Set<Long> named(TraceResult result) {
        return result.suspects().stream().map(TraceResult.Suspect::memberNumber).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("a whole copy converted to Traditional characters names its reader, and says it was converted")
    void traditional() {
        SplittableRandom random = new SplittableRandom(1);
        int named = 0;
        for (int trial = 0; trial < 20; trial++) {
            int leaker = random.nextInt(MEMBERS);
            TraceResult result = tracer.trace(List.of(new Leak("繁体.txt",
                    ZhConverterUtil.toTraditional(clean(leaker, 1 + random.nextInt(23))), List.of())));
            assertThat(named(result)).isSubsetOf((long) leaker);
            assertThat(result.hasNote("TRADITIONAL_CONVERTED")).isTrue();
            named += named(result).contains((long) leaker) ? 1 : 0;
        }
        assertThat(named).isGreaterThanOrEqualTo(19);
    }

    @Test
    @DisplayName("three members' copies of three materials handed in as one bundle name every one of them")
    void threeLeakers() {
        SplittableRandom random = new SplittableRandom(2);
        int all = 0;
        for (int trial = 0; trial < 10; trial++) {
            List<Leak> leaks = new ArrayList<>();
            Set<Long> leakers = new java.util.HashSet<>();
            for (int i = 0; i < 3; i++) {
                int leaker = random.nextInt(MEMBERS);
                leakers.add((long) leaker);
                leaks.add(new Leak("第" + i + "份.txt", clean(leaker, 1 + (trial + i * 7) % 23), List.of()));
            }
            Set<Long> named = named(tracer.trace(leaks));
            assertThat(named).isSubsetOf(leakers);
            all += named.containsAll(leakers) ? 1 : 0;
        }
        assertThat(all).isGreaterThanOrEqualTo(9);
    }

    @Test
    @DisplayName("the same text imported as two materials: a copy of either names its reader, whichever they received")
    void sameTextInTwoMaterials() {
        for (int trial = 0; trial < 10; trial++) {
            int leaker = (trial * 4_999 + 17) % MEMBERS;
            TraceResult result = tracer.trace(List.of(new Leak("转卖.txt", clean(leaker, leaker >= MEMBERS / 2 ? reimport : 0),
                    List.of())));
            assertThat(named(result)).containsExactly((long) leaker);
            assertThat(result.hasNote("SAME_TEXT_IN_SEVERAL_MATERIALS")).isTrue();
            assertThat(result.materials()).hasSize(2);
        }
    }

    @Test
    @DisplayName("an excerpt inside other text is found there; with its invisible marks it names its reader in two trials of five or more, and nobody else")
    void excerptInOtherText() {
        SplittableRandom random = new SplittableRandom(3);
        int named = 0;
        int trials = 20;
        for (int trial = 0; trial < trials; trial++) {
            int leaker = random.nextInt(MEMBERS);
            int material = 1 + random.nextInt(23);
            String copy = String.join("\n", sim.copy(leaker, material));
            // 1,500 visible characters, the invisible payloads among them kept, as copy and paste keeps them
            StringBuilder excerpt = new StringBuilder();
            int visible = 0;
            for (int i = random.nextInt(copy.length() / 3); i < copy.length() && visible < 1_500; i++) {
                excerpt.append(copy.charAt(i));
                visible += Character.getType(copy.charAt(i)) == Character.FORMAT ? 0 : 1;
            }
            String other = unrelated.get(random.nextInt(unrelated.size()));
            int from = random.nextInt(Math.max(1, other.length() - 5_000));
            String around = other.substring(from, Math.min(other.length(), from + 5_000));
            int at = random.nextInt(around.length());
            TraceResult result = tracer.trace(List.of(new Leak("文章.txt",
                    around.substring(0, at) + "\n" + excerpt + "\n" + around.substring(at), List.of())));
            assertThat(result.materials()).extracting(TraceResult.SourceMaterial::title).contains("生成资料 " + material);
            assertThat(named(result)).isSubsetOf((long) leaker);
            named += named(result).contains((long) leaker) ? 1 : 0;
        }
        // Rule set 2 (issue 15) dropped the pairs an editor would not accept, and the generated speeches were written
        // for set 1: a 1,500-character excerpt carries about a fifth fewer sites, and 8 of these 20 trials name their
        // reader where 10 did (docs/BENCHMARKS.md, row (l)). Nobody else is ever named (above).
        assertThat(named).isGreaterThanOrEqualTo(trials * 2 / 5);
    }
}
