package org.scriptorium.tracer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.scriptorium.common.text.Winnowing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.scriptorium.corpus.SpeechCorpus;
import org.scriptorium.tracer.SourceFinder.SourceMatch;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceFinderTest {

    private static final int INDEXED = 2_000;
    private static final SpeechCorpus CORPUS = new SpeechCorpus(20_261_129L);

    private final SourceFinder finder = new SourceFinder();
    private String[] texts;
    private List<String> real;

    @BeforeAll
    void index() {
        texts = IntStream.range(0, INDEXED).parallel().mapToObj(i -> CORPUS.document(i).text()).toArray(String[]::new);
        for (int i = 0; i < INDEXED; i++) {
            finder.add(key(i), texts[i]);
        }
        // public-domain government documents of ../shared/corpus/real (read in place), and generated text never indexed
        real = org.scriptorium.bench.TraceSimulation.unrelatedTexts(4_242L);
        assertThat(real).hasSizeGreaterThan(10);
    }

    /** {@code length} characters of documents that are not indexed, from a place {@code random} picks. */
    private String unrelated(Random random, int length) {
        String all = String.join("\n", real);
        int start = random.nextInt(all.length() - length);
        return all.substring(start, start + length);
    }

    private static String key(int document) {
        return "m" + document + ":1";
    }

    private static List<String> keys(List<SourceMatch> matches) {
        return matches.stream().map(SourceMatch::revisionKey).toList();
    }

    @Test
    @DisplayName("a whole copy finds its revision, covering nearly all of both texts")
    void wholeCopy() {
        List<SourceMatch> matches = finder.find(texts[17]);

        assertThat(keys(matches)).containsExactly(key(17));
        assertThat(matches.get(0).leakCoverage()).isGreaterThan(0.99);
        assertThat(matches.get(0).revisionCoverage()).isGreaterThan(0.99);
    }

    @Test
    @DisplayName("a 200-character excerpt from the middle finds its revision first (at least 49 of 50)")
    void excerpts() {
        Random random = new Random(1);
        int found = 0;
        for (int trial = 0; trial < 50; trial++) {
            int document = random.nextInt(INDEXED);
            String text = texts[document];
            int start = text.length() / 4 + random.nextInt(text.length() / 2 - 200);
            List<SourceMatch> matches = finder.find(text.substring(start, start + 200));
            if (!matches.isEmpty() && matches.get(0).revisionKey().equals(key(document))) {
                found++;
            }
        }
        assertThat(found).isGreaterThanOrEqualTo(49);
    }

    @Test
    @DisplayName("shuffled paragraphs with half of them deleted still find the revision")
    void shuffledHalf() {
        Random random = new Random(2);
        for (int document : new int[] {3, 333, 1999}) {
            List<String> paragraphs = new ArrayList<>(Arrays.asList(texts[document].split("\n")));
            Collections.shuffle(paragraphs, random);
            String leak = String.join("\n", paragraphs.subList(0, paragraphs.size() / 2));

            assertThat(keys(finder.find(leak))).containsExactly(key(document));
        }
    }

    @Test
    @DisplayName("full-width letters, half-width punctuation, spaces, line breaks and zero-width characters do not hide the source")
    void normalisation() {
        StringBuilder leak = new StringBuilder();
        String text = texts[42];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '，' -> leak.append(", ");
                case '。' -> leak.append(". ");
                case '：' -> leak.append(':');
                case '\n' -> leak.append("\r\n\u3000\u3000");
                default -> leak.append(c >= '0' && c <= '9' ? (char) (c - '0' + '０') : c);
            }
            if (i % 7 == 0) {
                leak.append('\u200B');
            }
            if (i % 11 == 0) {
                leak.append('\u00A0');
            }
        }

        List<SourceMatch> matches = finder.find(leak.toString());

        assertThat(keys(matches)).containsExactly(key(42));
        assertThat(matches.get(0).leakCoverage()).isGreaterThan(0.95);
    }

    @Test
    @DisplayName("re-typing with 3% of characters substituted still finds the revision")
    void substitutions() {
        Random random = new Random(3);
        for (int document : new int[] {5, 500, 1500}) {
            char[] chars = texts[document].toCharArray();
            for (int i = 0; i < chars.length; i++) {
                if (random.nextDouble() < 0.03) {
                    chars[i] = (char) (0x4E00 + random.nextInt(0x5000));
                }
            }

            List<SourceMatch> matches = finder.find(new String(chars));

            assertThat(keys(matches)).containsExactly(key(document));
        }
    }

    @Test
    @DisplayName("a bundle of 20 concatenated materials returns exactly those 20")
    void bundle() {
        Random random = new Random(4);
        List<String> expected = new ArrayList<>();
        StringBuilder leak = new StringBuilder();
        random.ints(0, INDEXED).distinct().limit(20).forEach(document -> {
            expected.add(key(document));
            leak.append(texts[document]).append('\n');
        });

        assertThat(keys(finder.find(leak.toString()))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @DisplayName("a bundle of 50 materials, some re-typed with errors, returns all 50")
    void bigBundle() {
        Random random = new Random(6);
        List<String> expected = new ArrayList<>();
        StringBuilder leak = new StringBuilder();
        random.ints(0, INDEXED).distinct().limit(50).forEach(document -> {
            expected.add(key(document));
            char[] chars = texts[document].toCharArray();
            if (expected.size() % 2 == 0) {
                for (int i = 0; i < chars.length; i++) {
                    if (random.nextDouble() < 0.02) {
                        chars[i] = (char) (0x4E00 + random.nextInt(0x5000));
                    }
                }
            }
            leak.append(chars).append('\n');
        });

        assertThat(keys(finder.find(leak.toString()))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @DisplayName("half of a material, shuffled and re-typed with 3% errors, still finds it")
    void retypedPart() {
        Random random = new Random(7);
        for (int document : new int[] {8, 808, 1808}) {
            List<String> paragraphs = new ArrayList<>(Arrays.asList(texts[document].split("\n")));
            Collections.shuffle(paragraphs, random);
            char[] chars = String.join("\n", paragraphs.subList(0, paragraphs.size() / 2)).toCharArray();
            for (int i = 0; i < chars.length; i++) {
                if (random.nextDouble() < 0.03) {
                    chars[i] = (char) (0x4E00 + random.nextInt(0x5000));
                }
            }

            assertThat(keys(finder.find(new String(chars)))).containsExactly(key(document));
        }
    }

    @Test
    @DisplayName("an 800-character excerpt inside 5,000 characters of unrelated text is found within other text, its span covering the excerpt")
    void shortExcerptInOtherText() {
        excerptsInOtherText(800, new Random(21));
    }

    @Test
    @DisplayName("a 1,500-character excerpt inside 5,000 characters of unrelated text is found within other text, its span covering the excerpt")
    void longerExcerptInOtherText() {
        excerptsInOtherText(1_500, new Random(22));
    }

    private void excerptsInOtherText(int length, Random random) {
        for (int trial = 0; trial < 10; trial++) {
            int document = random.nextInt(INDEXED);
            String text = texts[document];
            int start = random.nextInt(text.length() - length);
            String around = unrelated(random, 5_000);
            int at = random.nextInt(around.length());
            String leak = around.substring(0, at) + text.substring(start, start + length) + around.substring(at);

            List<SourceMatch> matches = finder.find(leak);

            assertThat(keys(matches)).containsExactly(key(document));
            SourceMatch match = matches.get(0);
            assertThat(match.withinOtherText()).isTrue();
            // fingerprints start within a winnowing window of either end
            assertThat(match.from()).isCloseTo(at, within(2 * Winnowing.W));
            assertThat(match.to()).isCloseTo(at + length, within(2 * Winnowing.W));
        }
    }

    @Test
    @DisplayName("three 2,000-character excerpts of three materials pasted as one text yield all three, each with its span")
    void pastedExcerpts() {
        Random random = new Random(23);
        // materials long enough that no excerpt is half of one, so only the windows can find them
        int[] documents = random.ints(0, INDEXED).filter(d -> texts[d].length() > 6_000).distinct().limit(3).toArray();
        StringBuilder leak = new StringBuilder();
        int[] at = new int[3];
        for (int e = 0; e < 3; e++) {
            String text = texts[documents[e]];
            int start = random.nextInt(text.length() - 2_000);
            at[e] = leak.length();
            leak.append(text, start, start + 2_000);
        }

        List<SourceMatch> matches = finder.find(leak.toString());

        assertThat(keys(matches)).containsExactly(key(documents[0]), key(documents[1]), key(documents[2]));
        for (int e = 0; e < 3; e++) {
            SourceMatch match = matches.get(e);
            assertThat(match.withinOtherText()).isTrue();
            assertThat(match.equivalentTo()).isNull();
            assertThat(match.from()).isCloseTo(at[e], within(2 * Winnowing.W));
            assertThat(match.to()).isCloseTo(at[e] + 2_000, within(2 * Winnowing.W));
        }
    }

    @Test
    @DisplayName("identical text indexed under two materials yields both, the older as equivalent to the newer")
    void identicalTextInTwoMaterials() {
        SourceFinder withTeaser = new SourceFinder();
        for (int i = 0; i < 300; i++) {
            withTeaser.add(key(i), texts[i]);
        }
        withTeaser.add("teaser:1", texts[42]);

        for (String leak : new String[] {texts[42], texts[42].substring(1_000, 1_600)}) {
            List<SourceMatch> matches = withTeaser.find(leak);

            assertThat(keys(matches)).containsExactly("teaser:1", key(42));
            assertThat(matches.get(0).equivalentTo()).isNull();
            assertThat(matches.get(1).equivalentTo()).isEqualTo("teaser:1");
            assertThat(matches.get(1).sharedFingerprints()).isEqualTo(matches.get(0).sharedFingerprints());
        }
    }

    @Test
    @DisplayName("two revisions of one material differing by one sentence both explain a leak of either")
    void revisionsDifferingByASentence() {
        SourceFinder revisions = new SourceFinder();
        for (int i = 0; i < 300; i++) {
            revisions.add(key(i), texts[i]);
        }
        String first = texts[9];
        int sentenceEnd = first.indexOf('。', first.length() / 2) + 1;
        int sentenceStart = first.lastIndexOf('。', sentenceEnd - 2) + 1;
        String sentence = "会议还研究了明年重点工作安排，要求各单位抓好落实。";
        String second = first.substring(0, sentenceStart) + sentence + first.substring(sentenceEnd);
        revisions.add("m9:2", second);

        List<SourceMatch> ofSecond = revisions.find(second);
        List<SourceMatch> ofFirst = revisions.find(first);

        assertThat(keys(ofSecond)).containsExactly("m9:2", "m9:1");
        assertThat(ofSecond.get(1).equivalentTo()).isEqualTo("m9:2");
        assertThat(keys(ofFirst)).containsExactly("m9:1", "m9:2");
        assertThat(ofFirst.get(1).equivalentTo()).isEqualTo("m9:1");
    }

    @Test
    @DisplayName("a revision sharing only one paragraph with the one found is not reported as its equivalent")
    void oneSharedParagraph() {
        SourceFinder sharing = new SourceFinder();
        for (int i = 0; i < 300; i++) {
            sharing.add(key(i), texts[i]);
        }
        String paragraph = Arrays.stream(texts[11].split("\n")).filter(p -> p.length() > 150).findFirst().orElseThrow();
        sharing.add("other:1", texts[1_500] + "\n" + paragraph);

        assertThat(keys(sharing.find(texts[11]))).containsExactly(key(11));
        // the paragraph alone is explained as well by either
        assertThat(keys(sharing.find(paragraph))).containsExactlyInAnyOrder(key(11), "other:1");
    }

    @Test
    @DisplayName("several thousand characters of unrelated text, real or generated but never indexed, match nothing in an index of 300 materials")
    void unrelatedText() {
        SourceFinder small = new SourceFinder();
        for (int i = 0; i < 300; i++) {
            small.add(key(i), texts[i]);
        }
        Random random = new Random(24);
        List<SourceMatch> falseMatches = new ArrayList<>();
        for (String document : real) {
            falseMatches.addAll(small.find(document));
        }
        for (int trial = 0; trial < 20; trial++) {
            falseMatches.addAll(small.find(unrelated(random, 8_000)));
            falseMatches.addAll(small.find(texts[300 + trial] + "\n" + texts[320 + trial]));
        }
        assertThat(falseMatches).isEmpty();
    }

    @Test
    @DisplayName("documents that were never indexed, whole or as 200-character excerpts, match nothing")
    void notIndexed() {
        Random random = new Random(5);
        List<String> falseMatches = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String text = CORPUS.document(INDEXED + i).text();
            int start = random.nextInt(text.length() - 200);
            falseMatches.addAll(keys(finder.find(text)));
            falseMatches.addAll(keys(finder.find(text.substring(start, start + 200))));
        }
        assertThat(falseMatches).isEmpty();
    }

    @Test
    @DisplayName("text with no indexed source, or too short to fingerprint, matches nothing")
    void nothing() {
        assertThat(finder.find("")).isEmpty();
        assertThat(finder.find("同志们")).isEmpty();
        assertThat(finder.find("The quick brown fox jumps over the lazy dog, again and again and again.")).isEmpty();
    }

    @Test
    @DisplayName("of two revisions of one material, a leak of either reports it first, with the other as its equivalent only where it holds 90% of the leak")
    void revisions() {
        SourceFinder revisions = new SourceFinder();
        for (int i = 0; i < 100; i++) {
            revisions.add(key(i), texts[i]);
        }
        List<String> paragraphs = new ArrayList<>(Arrays.asList(texts[7].split("\n")));
        String first = String.join("\n", paragraphs);
        // the editor rewrote two paragraphs and added one
        paragraphs.set(3, texts[1900].split("\n")[3]);
        paragraphs.set(5, texts[1901].split("\n")[4]);
        paragraphs.add(texts[1902].split("\n")[2]);
        String second = String.join("\n", paragraphs);
        revisions.add("m7:2", second);

        // revision 1 lacks the new paragraphs, some 13% of revision 2
        assertThat(keys(revisions.find(second))).containsExactly("m7:2");
        // the two rewritten paragraphs were short: revision 2 holds 96% of revision 1
        List<SourceMatch> ofFirst = revisions.find(first);
        assertThat(keys(ofFirst)).containsExactly("m7:1", "m7:2");
        assertThat(ofFirst.get(1).equivalentTo()).isEqualTo("m7:1");
        // an excerpt from text both revisions share: the newest wins the tie, the other is its equivalent
        String unchanged = IntStream.of(1, 2, 4).mapToObj(paragraphs::get).reduce("", String::concat);
        List<SourceMatch> ofUnchanged = revisions.find(unchanged);
        assertThat(keys(ofUnchanged)).containsExactly("m7:2", "m7:1");
        assertThat(ofUnchanged.get(0).equivalentTo()).isNull();
        assertThat(ofUnchanged.get(1).equivalentTo()).isEqualTo("m7:2");
    }

    @Test
    @DisplayName("a removed revision is no longer found, and adding under the same key replaces the text")
    void removeAndReplace() {
        SourceFinder small = new SourceFinder();
        small.add("a:1", texts[0]);
        small.add("b:1", texts[1]);
        assertThat(small.size()).isEqualTo(2);

        small.remove("a:1");
        small.add("b:1", texts[2]);

        assertThat(small.size()).isEqualTo(1);
        assertThat(small.find(texts[0])).isEmpty();
        assertThat(small.find(texts[1])).isEmpty();
        assertThat(keys(small.find(texts[2]))).containsExactly("b:1");
    }

    @Test
    @DisplayName("after most revisions are removed, those left are still found and the removed are not")
    void removeMost() {
        SourceFinder small = new SourceFinder();
        for (int i = 0; i < 100; i++) {
            small.add(key(i), texts[i]);
        }
        for (int i = 0; i < 100; i++) {
            if (i % 3 != 0) {
                small.remove(key(i));
            }
        }

        assertThat(small.size()).isEqualTo(34);
        for (int i = 0; i < 100; i++) {
            assertThat(keys(small.find(texts[i]))).isEqualTo(i % 3 == 0 ? List.of(key(i)) : List.of());
        }
    }

    @Test
    @DisplayName("finds may run while revisions are added")
    void concurrent() {
        SourceFinder shared = new SourceFinder();
        IntStream.range(0, 200).parallel().forEach(i -> {
            shared.add(key(i), texts[i]);
            assertThat(keys(shared.find(texts[i]))).contains(key(i));
        });
        assertThat(shared.size()).isEqualTo(200);
    }
}
