package org.scriptorium.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Synonym groups as plain data: reading them, comparing terms, and what a term may be widened to. */
class SynonymsTest {

    @Test
    @DisplayName("a term is compared width-folded, in lower case, without quotation marks or spaces between Chinese")
    void normalise() {
        assertThat(Synonyms.normalise("“双随机、一公开”")).isEqualTo("双随机、一公开");
        assertThat(Synonyms.normalise(" 人民 代表\t大会 ")).isEqualTo("人民代表大会");
        assertThat(Synonyms.normalise("ＰＰＰ　项目")).isEqualTo("ppp 项目");
        assertThat(Synonyms.normalise("「十四五」规划")).isEqualTo("十四五规划");
        assertThat(Synonyms.normalise("Word  and   Excel")).isEqualTo("word and excel");
        assertThat(Synonyms.normalise(null)).isEmpty();
        assertThat(Synonyms.normalise("  ")).isEmpty();
    }

    @Test
    @DisplayName("text is read one group a line, terms split at / , ， and tabs; comments and blank lines skipped")
    void parse() {
        String text = """
                # a comment
                人大 / 人民代表大会

                政府工作报告,工作报告 ， 报告
                双随机一公开\t双随机、一公开
                  # an indented comment
                """;
        assertThat(Synonyms.parse(text)).containsExactly(
                List.of("人大", "人民代表大会"),
                List.of("政府工作报告", "工作报告", "报告"),
                List.of("双随机一公开", "双随机、一公开"));
        assertThat(Synonyms.parse("")).isEmpty();
    }

    @Test
    @DisplayName("a term's alternatives are itself first, then every term it shares a group with")
    void alternatives() {
        Synonyms s = Synonyms.of(List.of(List.of("甲乙", "丙丁"), List.of("丙丁", "戊己"), List.of("庚辛", "壬癸")));
        assertThat(s.alternatives("丙丁")).containsExactly("丙丁", "甲乙", "戊己");
        assertThat(s.alternatives("甲乙")).containsExactly("甲乙", "丙丁");
        assertThat(s.alternatives(" 庚 辛 ")).as("looked up normalised").containsExactly("庚辛", "壬癸");
        assertThat(s.alternatives("子丑")).as("a term in no group").containsExactly("子丑");
        assertThat(s.contains("壬癸")).isTrue();
        assertThat(s.contains("子丑")).isFalse();
        assertThat(s.longestTerm()).isEqualTo(2);
    }

    @Test
    @DisplayName("groups of fewer than two distinct terms are ignored, repeats and blanks dropped")
    void ignoredGroups() {
        Synonyms s = Synonyms.of(List.of(List.of("人大"), List.of("政协", "政协"), List.of(" ", "统战"),
                List.of("国企", "国有企业", "国企", ""), List.of()));
        assertThat(s.groups()).containsExactly(List.of("国企", "国有企业"));
        assertThat(s.contains("人大")).isFalse();
        assertThat(s.contains("统战")).isFalse();
        assertThat(Synonyms.of(List.of()).groups()).isEmpty();
        assertThat(Synonyms.none().alternatives("人大")).containsExactly("人大");
    }

    @Test
    @DisplayName("with() adds groups to a copy: a shared term gains the other group's terms, the original stays")
    void with() {
        Synonyms builtIn = Synonyms.builtIn();
        Synonyms more = builtIn.with(Synonyms.of(List.of(List.of("人大", "人大代表"), List.of("河长制", "河长"))));
        assertThat(more.alternatives("人大")).containsExactly("人大", "人民代表大会", "人大代表");
        assertThat(more.alternatives("河长制")).containsExactly("河长制", "河湖长制", "河长");
        assertThat(more.alternatives("河长")).as("not transitive: only the groups a term is in")
                .containsExactly("河长", "河长制");
        assertThat(more.groups()).hasSize(builtIn.groups().size() + 2);
        assertThat(builtIn.alternatives("人大")).containsExactly("人大", "人民代表大会");
        assertThat(builtIn.with(Synonyms.none())).isSameAs(builtIn);
    }

    @Test
    @DisplayName("the built-in list holds the issue's examples, quotation marks dropped, and lists terms longest first")
    void builtIn() {
        Synonyms s = Synonyms.builtIn();
        assertThat(s.alternatives("党课")).contains("党课讲稿", "专题党课");
        assertThat(s.alternatives("人民代表大会")).contains("人大");
        assertThat(s.alternatives("双随机一公开")).contains("双随机、一公开");
        assertThat(s.alternatives("工作报告")).contains("政府工作报告");
        assertThat(s.alternatives("十四五规划")).contains("十四五");
        assertThat(s.groups()).allSatisfy(g -> assertThat(g).hasSizeBetween(2, Synonyms.MAX_GROUP)
                .allSatisfy(t -> assertThat(t.length()).isBetween(2, Synonyms.MAX_TERM)));
        List<String> terms = s.terms();
        assertThat(terms.getFirst().length()).isEqualTo(s.longestTerm());
        for (int i = 1; i < terms.size(); i++) {
            assertThat(terms.get(i).length()).isLessThanOrEqualTo(terms.get(i - 1).length());
        }
    }

    @Test
    @DisplayName("every line of the built-in list is a group: none collapses to one term once normalised")
    void builtInLinesAllCount() throws java.io.IOException {
        String file;
        try (var in = Synonyms.class.getClassLoader().getResourceAsStream("search/synonyms.tsv")) {
            file = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(Synonyms.builtIn().groups()).hasSize(Synonyms.parse(file).size());
    }
}
