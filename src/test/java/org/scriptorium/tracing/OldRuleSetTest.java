package org.scriptorium.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scriptorium.library.StructureParser;

/**
 * Rule set 1 is the list the robust layer had in Java until issue 15: copies delivered under it carry its sites, so
 * read back from its file it must choose exactly the sites the old code chose. The fixtures were written by the old
 * code ({@code VariationSites.choose} with key {@code "r1:1"}, a zero key and at most 400 sites).
 */
@DisplayName("Rule set 1 (copies delivered before issue 15)")
class OldRuleSetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "D05_国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见.txt, sites-v1-D05.tsv",
            "A08_1980年中华人民共和国国务院政府工作报告.txt, sites-v1-A08.tsv"})
    @DisplayName("chooses, from its file, exactly the sites the old code chose")
    void sameSitesAsTheOldCode(String document, String fixture) throws IOException {
        List<String> paragraphs = new StructureParser().parse(
                Files.readString(Path.of("src/test/resources/corpus/real", document))).paragraphs();
        List<String> expected = Files.readAllLines(Path.of("src/test/resources/tracing", fixture), StandardCharsets.UTF_8);

        List<VariationSite> sites = VariationSites.choose(paragraphs, new Prf(new byte[32]), "r1:1", Set.of(),
                Marks.MAX_SITES, VariationRules.version(1));

        List<String> actual = new ArrayList<>();
        for (VariationSite s : sites) {
            actual.add(s.index() + "\t" + s.paragraph() + "\t" + s.offset() + "\t" + s.form0() + "\t" + s.form1() + "\t"
                    + s.rule());
        }
        assertThat(actual).hasSizeGreaterThan(100).isEqualTo(expected);
    }

    @Test
    @DisplayName("a recipient's copies are read with the newest set in force at their first copy, set 1 before any")
    void setInForce() {
        List<Marks.RuleSetInForce> sets = List.of(new Marks.RuleSetInForce(1, Instant.EPOCH),
                new Marks.RuleSetInForce(2, Instant.parse("2026-12-06T18:00:00Z")));
        assertThat(Marks.rulesAt(sets, Instant.parse("2026-12-06T17:59:59Z"))).isEqualTo(1);
        assertThat(Marks.rulesAt(sets, Instant.parse("2026-12-06T18:00:00Z"))).isEqualTo(2);
        assertThat(Marks.rulesAt(List.of(), Instant.now())).isEqualTo(1);
        assertThat(SitesKey.parse(new SitesKey(2, 3).toString())).isEqualTo(new SitesKey(2, 3));
        assertThat(new SitesKey(1, 0)).hasToString("r1v0");
        assertThatThrownBy(() -> SitesKey.parse("v3")).isInstanceOf(IllegalArgumentException.class);
    }
}
