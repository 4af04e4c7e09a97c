package org.scriptorium.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.library.Placeholders;

/** A reader fills the placeholders of their copy (×× → 青山县): the marks stay whole and the sites are still read. */
class FilledPlaceholdersTest {

    private final Prf prf = new Prf("a test key of enough length".getBytes(StandardCharsets.UTF_8));

    @Test
    @DisplayName("no invisible mark stands inside a placeholder the reading page offers to fill, of any kind")
    void marksBesidePlaceholders() {
        String paragraph = "××县与╳╳镇签订责任书XX份，ＸＸ村某某某同志、✕✕✕乡负责人＿＿＿、○○街道和__社区均已参加。";
        String marked = FragileMark.embed(paragraph, prf, 42, 7, 1);

        assertThat(marked).isNotEqualTo(paragraph);
        assertThat(Placeholders.occurrences(marked)).extracting(Placeholders.Occurrence::token)
                .containsExactlyElementsOf(Placeholders.occurrences(paragraph).stream()
                        .map(Placeholders.Occurrence::token).toList())
                .hasSize(9);
    }

    /** The mark speech with a placeholder after every other comma, so that many sites have one in their context. */
    private static List<String> withPlaceholders() {
        return MarkSpeech.PARAGRAPHS.stream().map(p -> {
            StringBuilder b = new StringBuilder();
            int commas = 0;
            for (char c : p.toCharArray()) {
                b.append(c);
                if (c == '，' && commas++ % 2 == 0) {
                    b.append(commas % 4 == 1 ? "××县" : "某某同志");
                }
            }
            return b.toString();
        }).toList();
    }

    @Test
    @DisplayName("a copy whose placeholders are filled with values of other lengths reads the same sites, all correctly")
    void filledCopyReadsSites() {
        List<String> original = withPlaceholders();
        List<VariationSite> sites = VariationSites.choose(original, prf, "rev-1", Set.of(), 1000);
        TextMarks.Original prepared = TextMarks.original(original);
        SiteLocator locator = SiteLocator.forOriginal(original);
        Set<Integer> beside = sites.stream()
                .filter(s -> locator.contextBesidePlaceholders(s, sites) != null
                        && locator.context(s, sites) != null)
                .map(VariationSite::index).collect(java.util.stream.Collectors.toSet());
        assertThat(beside).as("sites with a placeholder in their context").hasSizeGreaterThan(10);
        assertThat(sites).as("no site takes a character of a placeholder").allSatisfy(site -> assertThat(
                Placeholders.occurrences(original.get(site.paragraph()))).noneMatch(o ->
                o.start() < site.offset() + site.form0().length() && site.offset() < o.end()));

        boolean[] symbols = new boolean[sites.size()];
        Random random = new Random(5);
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = random.nextBoolean();
        }
        String copy = String.join("\n", FragileMark.embedAll(TextMarks.apply(original, sites, symbols), prf, 42, 7));
        String filled = copy.replace("××", "青山").replace("某某", "李明华");
        List<TextMarks.SiteRead> unfilled = TextMarks.read(prepared, sites, TextMarks.leak(copy));
        List<TextMarks.SiteRead> reads = TextMarks.read(prepared, sites, TextMarks.leak(filled));

        // Without the second look short of the placeholders, about a fifth of these sites (18 of 95) are lost.
        assertThat(reads).allSatisfy(r -> assertThat(r.observed()).isEqualTo(symbols[r.site()]));
        assertThat(reads).extracting(TextMarks.SiteRead::site)
                .isSubsetOf(unfilled.stream().map(TextMarks.SiteRead::site).toList());
        assertThat(reads.size()).isGreaterThanOrEqualTo(unfilled.size() * 95 / 100);
        assertThat(reads).filteredOn(r -> beside.contains(r.site())).hasSizeGreaterThanOrEqualTo(beside.size() * 95 / 100);
        // Stripped of its punctuation as well, the filled copy is still read correctly.
        String bare = filled.replaceAll("\\p{P}", "");
        assertThat(TextMarks.read(prepared, sites, TextMarks.leak(bare)))
                .hasSizeGreaterThan(sites.size() / 2)
                .allSatisfy(r -> assertThat(r.observed()).isEqualTo(symbols[r.site()]));
    }
}
