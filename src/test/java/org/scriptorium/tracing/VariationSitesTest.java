package org.scriptorium.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VariationSitesTest {

    private final Prf prf = new Prf("a test key of enough length".getBytes(StandardCharsets.UTF_8));

    @Test
    @DisplayName("the current set holds about seventy pairs with unique ids and distinct forms")
    void rules() {
        List<VariationSites.Rule> rules = VariationSites.rules();
        assertThat(rules).hasSizeBetween(60, 90);
        assertThat(rules).extracting(VariationSites.Rule::id).doesNotHaveDuplicates();
        assertThat(rules).allSatisfy(r -> assertThat(r.form0()).isNotEqualTo(r.form1()));
        assertThat(rules).allSatisfy(r -> assertThat(NormalText.normalise(r.form0()))
                .isNotEqualTo(NormalText.normalise(r.form1())));
    }

    @Test
    @DisplayName("candidates find either form of a pair, the source's form as form0, in text order")
    void candidatesFindForms() {
        List<VariationSite> sites = VariationSites.candidates(List.of(
                "我们要加强领导，强化责任；推动改革和发展。", "此外，要进一步地提高效率。"));
        assertThat(sites).extracting(VariationSite::form0).containsExactly("加强", "强化", "推动", "和", "提高");
        assertThat(sites.get(1).form1()).isEqualTo("加强");
        assertThat(sites.get(1).rule()).isEqualTo("w:加强/强化");
        assertThat(sites).extracting(VariationSite::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(sites.get(4).paragraph()).isEqualTo(1);
        assertThat(sites.get(4).offset()).isEqualTo(8);
        // under set 1 the semicolon, 此外 and 进一步地 were sites too
        assertThat(VariationSites.candidates(List.of("我们要加强领导，强化责任；推动改革和发展。", "此外，要进一步地提高效率。"),
                VariationRules.version(1))).extracting(VariationSite::form0)
                .containsExactly("加强", "强化", "；", "推动", "和", "此外", "进一步地", "提高");
    }

    @Test
    @DisplayName("达到/达 only before a figure; 已经, 为了 and 对于 become 已, 为 and 对, never the other way")
    void figuresAndOneWayPairs() {
        List<VariationSite> sites = VariationSites.candidates(List.of(
                "覆盖率达到95%，完成率达98%，目标已经达到。", "为了发展，因为困难；对于工作，相对于去年。"));
        assertThat(sites).extracting(VariationSite::form0).containsExactly("达到", "达", "已经", "为了", "对于");
        assertThat(sites.get(1).form1()).isEqualTo("达到");
        assertThat(sites.get(2).form1()).isEqualTo("已");
        assertThat(sites.get(3).form1()).isEqualTo("为");
        assertThat(sites.get(4).form1()).isEqualTo("对");
    }

    @Test
    @DisplayName("a 100,000-character text gets the same sites as before choosing was bounded, so delivered copies stay traceable")
    void sameSitesAsBeforeTheBound() {
        List<String> paragraphs = new java.util.ArrayList<>();
        org.scriptorium.library.StructureParser parser = new org.scriptorium.library.StructureParser();
        org.scriptorium.corpus.SpeechCorpus corpus = new org.scriptorium.corpus.SpeechCorpus(20261129L);
        int chars = 0;
        for (int i = 0; chars < 100_000; i++) {
            for (org.scriptorium.library.Block b : parser.parse(corpus.document(i).text()).blocks()) {
                if (chars >= 100_000) {
                    break;
                }
                paragraphs.add(b.text());
                chars += b.text().length();
            }
        }
        List<VariationSite> sites = VariationSites.choose(paragraphs, new Prf(new byte[32]), "bench-sites:1", Set.of(),
                Marks.MAX_SITES, VariationRules.version(1));
        // the fingerprint bench-sites printed for this text before the change (docs/BENCHMARKS.md), under the rule set
        // of that time
        assertThat(sites).hasSize(395);
        assertThat(sites.hashCode()).isEqualTo(0xf184faa5);
    }

    @Test
    @DisplayName("chosen sites stand at least a few characters apart, and an unmarked copy gives every one of them back")
    void chosenSitesAreReadable() {
        List<String> text = MarkSpeech.PARAGRAPHS;
        List<VariationSite> chosen = VariationSites.choose(text, prf, "rev-gap", Set.of(), 1000);
        assertThat(chosen).hasSizeGreaterThan(10);
        for (int i = 1; i < chosen.size(); i++) {
            VariationSite a = chosen.get(i - 1);
            VariationSite b = chosen.get(i);
            if (a.paragraph() == b.paragraph()) {
                assertThat(b.offset() - (a.offset() + a.form0().length())).isGreaterThanOrEqualTo(VariationSites.MIN_GAP);
            }
        }
        assertThat(TextMarks.read(text, chosen, String.join("\n", text))).hasSize(chosen.size());
    }

    @Test
    @DisplayName("forms inside other words, in unsafe positions or inside placeholders are not candidates")
    void candidatesAreConservative() {
        List<VariationSite> sites = VariationSites.candidates(List.of(
                "社会和谐，人人参与，在发展的同时保持稳定，经济可持续，提高警惕，缴纳保证金，获得感增强，考了八十分，"
                        + "请填写【加强措施】，×与×。",
                "逗号，不会变成分号"));
        assertThat(sites).isEmpty();
    }

    @Test
    @DisplayName("a vetoed rule or a vetoed position is never chosen")
    void vetoes() {
        List<String> text = MarkSpeech.PARAGRAPHS;
        List<VariationSite> all = VariationSites.choose(text, prf, "rev-1", Set.of(), 1000);
        VariationSite some = all.get(3);
        List<VariationSite> noRule = VariationSites.choose(text, prf, "rev-1", Set.of("w:和/与"), 1000);
        List<VariationSite> noPlace = VariationSites.choose(text, prf, "rev-1",
                Set.of(VariationSites.positionKey(some)), 1000);
        assertThat(all).anyMatch(s -> s.rule().equals("w:和/与"));
        assertThat(noRule).noneMatch(s -> s.rule().equals("w:和/与"));
        assertThat(noPlace).noneMatch(s -> s.paragraph() == some.paragraph() && s.offset() == some.offset());
        assertThat(VariationSites.positionKey(some)).isEqualTo("p" + some.paragraph() + ":" + some.offset());
    }

    @Test
    @DisplayName("choose is deterministic, bounded, spread out, re-indexed in text order, and depends on the revision")
    void chooseDeterministicAndBounded() {
        List<String> text = MarkSpeech.PARAGRAPHS;
        List<VariationSite> a = VariationSites.choose(text, prf, "rev-1", Set.of(), 20);
        assertThat(a).isEqualTo(VariationSites.choose(text, prf, "rev-1", Set.of(), 20));
        assertThat(a).hasSize(20);
        assertThat(a).extracting(VariationSite::index).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 20).boxed().toList());
        for (int i = 1; i < a.size(); i++) {
            VariationSite prev = a.get(i - 1);
            VariationSite cur = a.get(i);
            assertThat(cur.paragraph() > prev.paragraph()
                    || cur.offset() >= prev.offset() + prev.form0().length() + VariationSites.MIN_GAP).isTrue();
        }
        assertThat(VariationSites.choose(text, prf, "rev-2", Set.of(), 20)).isNotEqualTo(a);
        assertThat(a).allSatisfy(s -> assertThat(text.get(s.paragraph()).startsWith(s.form0(), s.offset())).isTrue());
    }

    @Test
    @DisplayName("on the test speech, candidates and usable sites per 1,000 characters")
    void density() {
        List<String> text = MarkSpeech.PARAGRAPHS;
        int chars = MarkSpeech.length();
        int candidates = VariationSites.candidates(text).size();
        int usable = VariationSites.choose(text, prf, "rev-1", Set.of(), Integer.MAX_VALUE).size();
        System.out.printf("test speech: %d chars, %d candidates (%.1f per 1,000), %d usable sites (%.1f per 1,000)%n",
                chars, candidates, candidates * 1000.0 / chars, usable, usable * 1000.0 / chars);
        assertThat(chars).isGreaterThan(4000);
        assertThat(usable * 1000.0 / chars).isGreaterThan(10);
    }
}
