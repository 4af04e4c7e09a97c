package org.scriptorium.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The variation rules new copies are made under ({@code tracing/variation-rules-v2.txt}): each rule's accepted and
 * refused sentences, each rule attested in real 公文, and the four mistakes an editor found in a copy made under set 1.
 */
@DisplayName("Variation rules (set 2)")
class VariationRulesTest {

    private static final VariationRules RULES = VariationRules.current();

    private static List<String> rulesAt(String sentence) {
        return VariationSites.candidates(List.of(sentence)).stream().map(VariationSite::rule).toList();
    }

    @TestFactory
    @DisplayName("each rule finds a site in its accepted sentences and none in its refused ones")
    Stream<DynamicContainer> acceptedAndRefused() {
        return RULES.curated().stream().map(c -> DynamicContainer.dynamicContainer(c.rule().id(), Stream.concat(
                c.accept().stream().map(s -> DynamicTest.dynamicTest("accepts 「" + s + "」",
                        () -> assertThat(rulesAt(s)).as(s).contains(c.rule().id()))),
                c.refuse().stream().map(s -> DynamicTest.dynamicTest("refuses 「" + s + "」",
                        () -> assertThat(rulesAt(s)).as(s).doesNotContain(c.rule().id()))))));
    }

    @Test
    @DisplayName("every rule has an accepted sentence, and every rule that limits its neighbours a refused one")
    void everyRuleHasExamples() {
        for (VariationRules.Curated c : RULES.curated()) {
            assertThat(c.accept()).as(c.rule().id()).isNotEmpty();
            boolean limited = !c.notInside().isEmpty() || !c.before().isEmpty() || !c.notBefore().isEmpty()
                    || !c.after().isEmpty() || !c.notAfter().isEmpty() || !c.sentenceWithout().isEmpty()
                    || c.direction() != VariationRules.Direction.BOTH;
            if (limited) {
                assertThat(c.refuse()).as(c.rule().id()).isNotEmpty();
            }
        }
    }

    @TestFactory
    @DisplayName("each rule's two forms stand in real 公文 in contexts the rule allows, at the passages it names")
    Stream<DynamicTest> attested() {
        List<String> corpus = AttestationCorpus.paragraphs();
        return RULES.curated().stream().map(c -> DynamicTest.dynamicTest(c.rule().id(), () -> {
            assertThat(c.attested()).as("one attested line").hasSize(1);
            String[] passages = c.attested().getFirst().split("\\s+\\|\\s+");
            assertThat(passages).hasSize(2);
            List<String> forms = List.of(c.rule().form0(), c.rule().form1());
            for (int k = 0; k < 2; k++) {
                String form = forms.get(k);
                String passage = passages[k];
                assertThat(passage).as(c.rule().id()).contains(form);
                boolean found = false;
                for (String p : corpus) {
                    for (int at = p.indexOf(passage); at >= 0 && !found; at = p.indexOf(passage, at + 1)) {
                        for (int i = passage.indexOf(form); i >= 0 && !found; i = passage.indexOf(form, i + 1)) {
                            found = Attestation.allowedOccurrence(RULES, c, form, p, at + i);
                        }
                    }
                }
                assertThat(found).as("%s: 「%s」 in the corpus with %s allowed there", c.rule().id(), passage, form)
                        .isTrue();
            }
        }));
    }

    @Test
    @DisplayName("no rule inserts or drops 的/地/得: 进一步压实 stays as it is")
    void noParticleInsertion() {
        for (VariationSites.Rule r : RULES.rules()) {
            String a = r.form0().replaceAll("[的地得]", "");
            String b = r.form1().replaceAll("[的地得]", "");
            assertThat(a).as(r.id()).isNotEqualTo(b);
        }
        assertThat(VariationSites.candidates(List.of("进一步压实全面从严治党主体责任。")))
                .noneMatch(s -> s.form1().endsWith("地") || s.form1().contains("地压实"));
        assertThat(rulesAt("进一步地压实责任。")).isEmpty();
    }

    @Test
    @DisplayName("健全/完善 is not varied after 修订, 建立, 优化 or 修改: no 修订健全各类应急预案")
    void improveOnlyAfterAdverbs() {
        for (String s : List.of("修订完善各类应急预案。", "建立健全长效机制。", "优化完善服务流程。", "修改完善有关制度。",
                "建立完善工作台账。")) {
            assertThat(rulesAt(s)).as(s).doesNotContain("w:健全/完善");
        }
        assertThat(rulesAt("不断完善各类应急预案。")).contains("w:健全/完善");
    }

    @Test
    @DisplayName("开展/进行 only before objects both take, never before 了, 中, 时, 的 or 工作")
    void carryOutOnlyWithObjectsBothTake() {
        for (String s : List.of("工作正在进行中。", "调研已经开展了。", "进行时要注意安全。", "开展的各项活动。", "开展工作。",
                "进行改革。", "开展合作。", "进行部署。")) {
            assertThat(rulesAt(s)).as(s).doesNotContain("w:开展/进行");
        }
        VariationRules.Curated carryOut = RULES.curated().stream()
                .filter(c -> c.rule().id().equals("w:开展/进行")).findFirst().orElseThrow();
        assertThat(carryOut.after()).contains("调查研究", "专项整治", "督查", "检查").doesNotContain("工作", "合作");
        assertThat(rulesAt("开展调查研究。")).contains("w:开展/进行");
        assertThat(rulesAt("进行专项整治。")).contains("w:开展/进行");
    }

    @Test
    @DisplayName("no punctuation is varied: the ；between 一是…；二是… points stays")
    void noPunctuationBetweenPoints() {
        assertThat(RULES.rules()).allSatisfy(r -> {
            assertThat(r.id()).startsWith("w:");
            assertThat(r.form0() + r.form1()).doesNotContain("；", "，", "。");
        });
        String points = "一是加强统筹协调；二是强化督查检查；三是推动工作落实。";
        assertThat(VariationSites.candidates(List.of(points)))
                .isNotEmpty()
                .noneMatch(s -> s.form0().equals("；") || s.form1().equals("，"));
        // set 1, which copies delivered before issue 15 were made under, did vary it: it is still read there
        assertThat(VariationSites.candidates(List.of(points), VariationRules.version(1)))
                .anyMatch(s -> s.rule().equals("p:；/，"));
    }

    @Test
    @DisplayName("a rule kept from set 1 keeps its id and its forms, so vetoes by rule id still apply")
    void keptRulesKeepTheirIds() {
        Map<String, VariationSites.Rule> old = VariationRules.version(1).rules().stream()
                .collect(Collectors.toMap(VariationSites.Rule::id, Function.identity()));
        List<String> kept = new ArrayList<>();
        for (VariationSites.Rule r : RULES.rules()) {
            VariationSites.Rule before = old.get(r.id());
            if (before != null) {
                assertThat(List.of(r.form0(), r.form1())).as(r.id()).containsExactly(before.form0(), before.form1());
                kept.add(r.id());
            }
        }
        assertThat(kept).hasSizeGreaterThan(40).doesNotContain("w:进一步/进一步地", "p:；/，");
        assertThat(RULES.rules()).extracting(VariationSites.Rule::id).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("a rule file with an unknown key, need or a rule without forms is refused with its line")
    void badFilesAreRefused() {
        assertThatThrownBy(() -> VariationRules.parse("t", "version 9\n\nid w:a/b\nforms 甲 | 乙\ncolour red\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("t:5").hasMessageContaining("colour");
        assertThatThrownBy(() -> VariationRules.parse("t", "version 9\n\nid w:a/b\nforms 甲 | 乙\nneeds han-afterwards\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("han-afterwards");
        assertThatThrownBy(() -> VariationRules.parse("t", "version 9\n\nid w:a/b\nwhy no forms\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("t:3");
        assertThatThrownBy(() -> VariationRules.parse("t", "version 9\n\nid w:a/b\nforms 甲 | 乙\n\nid w:a/b\nforms 丙 | 丁\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> VariationRules.version(99)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("direction: a one-way rule varies only the form it names from the source")
    void oneWayRules() {
        assertThat(rulesAt("我们应该树立雄心壮志。")).contains("w:应当/应该");
        assertThat(rulesAt("我们应当树立雄心壮志。")).doesNotContain("w:应当/应该");
        assertThat(rulesAt("根据形势变化动态调整。")).contains("w:根据/依据");
        assertThat(rulesAt("依据形势变化动态调整。")).doesNotContain("w:根据/依据");
    }
}
