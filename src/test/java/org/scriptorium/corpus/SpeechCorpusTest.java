package org.scriptorium.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.scriptorium.library.Paragraph;
import org.scriptorium.library.ParsedMaterial;
import org.scriptorium.library.StructureParser;

class SpeechCorpusTest {

    private static final int SAMPLE = 1_000;
    private static final SpeechCorpus CORPUS = new SpeechCorpus(20_261_101L);
    /** Generated once: the properties below are measured over the same thousand documents. */
    private static final List<GeneratedDocument> DOCUMENTS = CORPUS.documents(SAMPLE).toList();
    private static final StructureParser PARSER = new StructureParser();
    private static final List<ParsedMaterial> PARSED = DOCUMENTS.stream().map(d -> PARSER.parse(d.text())).toList();

    @Nested
    @DisplayName("determinism and laziness")
    class Determinism {

        @Test
        @DisplayName("the same seed and index give an equal document, whatever was generated before")
        void sameSeedAndIndex() {
            SpeechCorpus fresh = new SpeechCorpus(20_261_101L);
            fresh.document(999);
            fresh.document(3);
            assertThat(fresh.document(42)).isEqualTo(DOCUMENTS.get(42));
            assertThat(new SpeechCorpus(20_261_101L).document(7)).isEqualTo(CORPUS.document(7));
        }

        @Test
        @DisplayName("different indexes and different seeds give different documents")
        void differentIndexOrSeed() {
            Set<String> texts = DOCUMENTS.stream().map(GeneratedDocument::text).collect(Collectors.toSet());
            assertThat(texts).hasSize(SAMPLE);
            assertThat(new SpeechCorpus(1).document(0).text()).isNotEqualTo(new SpeechCorpus(2).document(0).text());
        }

        @Test
        @DisplayName("documents(n) is ordered by index and generates only what is consumed")
        void lazyAndOrdered() {
            assertThat(DOCUMENTS).extracting(GeneratedDocument::index)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, SAMPLE).boxed().toList());
            // a stream of a trillion documents returns its first three at once
            assertThat(CORPUS.documents(1_000_000_000_000L).limit(3).toList())
                    .containsExactly(DOCUMENTS.get(0), DOCUMENTS.get(1), DOCUMENTS.get(2));
        }

        @Test
        @DisplayName("a parallel stream yields the same documents in the same order")
        void parallel() {
            assertThat(CORPUS.documents(200).parallel().toList()).isEqualTo(DOCUMENTS.subList(0, 200));
        }

        @Test
        @DisplayName("a negative index or count is refused")
        void negative() {
            assertThatThrownBy(() -> CORPUS.document(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CORPUS.documents(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("what the documents look like")
    class Shape {

        @Test
        @DisplayName("every kind appears in a thousand documents, speeches most often")
        void everyKind() {
            var counts = DOCUMENTS.stream().collect(Collectors.groupingBy(GeneratedDocument::kind, Collectors.counting()));
            assertThat(counts).containsOnlyKeys(SpeechCorpus.KINDS);
            assertThat(counts.get("讲话稿")).isEqualTo(counts.values().stream().mapToLong(Long::longValue).max().orElseThrow());
        }

        @Test
        @DisplayName("texts run from 2,000 to 10,000 characters, most of them 3,000 to 5,500")
        void lengths() {
            List<Integer> lengths = DOCUMENTS.stream().map(d -> nonBlank(d.text())).toList();
            for (int i = 0; i < SAMPLE; i++) {
                assertThat(lengths.get(i)).as("document %d", i).isBetween(2_000, 10_000);
            }
            long typical = lengths.stream().filter(n -> n >= 3_000 && n <= 5_500).count();
            assertThat(typical).isGreaterThan(SAMPLE / 2);
        }

        @Test
        @DisplayName("each listed topic occurs in the text, at least once inside a longer phrase")
        void topicsOccur() {
            for (GeneratedDocument d : DOCUMENTS) {
                assertThat(d.topics()).as("document %d", d.index())
                        .isNotEmpty().hasSizeLessThanOrEqualTo(3).doesNotHaveDuplicates();
                for (String topic : d.topics()) {
                    assertThat(insidePhrase(d.text(), topic)).as("document %d, topic %s", d.index(), topic).isTrue();
                }
            }
        }

        @Test
        @DisplayName("every topic phrase holds its topic inside longer wording, so a search for part of it finds it")
        void topicPhrases() {
            for (Phrases.Topic topic : Phrases.TOPICS) {
                for (String phrase : topic.phrases()) {
                    assertThat(insidePhrase(phrase, topic.name())).as(phrase).isTrue();
                }
            }
        }

        @Test
        @DisplayName("publication times lie within the eight years before the reference instant")
        void publishedAt() {
            Instant earliest = SpeechCorpus.REFERENCE.atZone(ZoneOffset.UTC).minusYears(8).toInstant();
            for (GeneratedDocument d : DOCUMENTS) {
                assertThat(d.publishedAt()).as("document %d", d.index())
                        .isAfterOrEqualTo(earliest).isBefore(SpeechCorpus.REFERENCE);
            }
            // spread, not bunched: both the first and the last year are represented
            assertThat(DOCUMENTS).anyMatch(d -> d.publishedAt().isBefore(earliest.plus(Duration.ofDays(365))));
            assertThat(DOCUMENTS).anyMatch(d -> d.publishedAt().isAfter(SpeechCorpus.REFERENCE.minus(Duration.ofDays(365))));
        }

        @Test
        @DisplayName("about 15% of documents are free (±5%)")
        void free() {
            long free = DOCUMENTS.stream().filter(GeneratedDocument::free).count();
            assertThat(free).isBetween(100L, 200L);
        }

        @Test
        @DisplayName("titles and texts name real places from a list of at least 150 division names")
        void places() {
            List<String> names = Places.allNames();
            assertThat(new HashSet<>(names)).hasSizeGreaterThanOrEqualTo(150);
            long titled = DOCUMENTS.stream().filter(d -> names.stream().anyMatch(d.title()::contains)).count();
            assertThat(titled).isGreaterThan(SAMPLE / 4);
        }

        @Test
        @DisplayName("every occasion is named, and speeches carry a meeting occasion such as 座谈会 or 调研时")
        void occasions() {
            for (GeneratedDocument d : DOCUMENTS) {
                assertThat(d.occasion()).as("document %d", d.index()).isNotBlank();
                if (d.kind().equals("讲话稿")) {
                    assertThat(d.occasion()).as("document %d", d.index()).isIn((Object[]) Phrases.SPEECH_OCCASIONS);
                }
            }
        }
    }

    @Nested
    @DisplayName("what the structure parser recognises")
    class Parsed {

        @Test
        @DisplayName("the parser finds the generated title exactly")
        void title() {
            for (int i = 0; i < SAMPLE; i++) {
                assertThat(PARSED.get(i).title()).as("document %d", i).isEqualTo(DOCUMENTS.get(i).title());
            }
        }

        @Test
        @DisplayName("every document has at least three outline headings, led by 一、二、三、")
        void outline() {
            for (int i = 0; i < SAMPLE; i++) {
                ParsedMaterial p = PARSED.get(i);
                assertThat(p.outline()).as("document %d", i).hasSizeGreaterThanOrEqualTo(3);
                assertThat(p.outline().stream().filter(h -> h.level() == 1).map(h -> h.number()).toList())
                        .as("document %d", i).startsWith("一、", "二、", "三、");
            }
            assertThat(PARSED).anyMatch(p -> p.outline().stream().anyMatch(h -> h.level() == 2));
            assertThat(PARSED).anyMatch(p -> p.outline().stream().anyMatch(h -> h.level() == 3));
        }

        @Test
        @DisplayName("nearly every document has enumerated points (一是, 第一，)")
        void points() {
            long withPoints = PARSED.stream().filter(p -> p.points() > 0).count();
            assertThat(withPoints).isGreaterThan(SAMPLE * 9 / 10);
        }

        @Test
        @DisplayName("placeholders (××, XX, 某某, ＿＿) occur in some documents, not all")
        void placeholders() {
            long with = PARSED.stream().filter(p -> !p.placeholders().isEmpty()).count();
            assertThat(with).isBetween(SAMPLE / 5L, SAMPLE * 7L / 10);
        }

        @Test
        @DisplayName("speeches open with a salutation and end with a closing paragraph")
        void speeches() {
            for (int i = 0; i < SAMPLE; i++) {
                if (DOCUMENTS.get(i).kind().equals("讲话稿")) {
                    ParsedMaterial p = PARSED.get(i);
                    assertThat(p.salutation()).as("document %d", i).isIn("同志们：", "各位领导、同志们：", "各位代表：");
                    assertThat(p.blocks()).as("document %d", i).anyMatch(b -> b instanceof Paragraph q && q.closing());
                }
            }
        }

        @Test
        @DisplayName("about one document in ten carries a source notice, and only the notice is stripped")
        void notices() {
            long with = PARSED.stream().filter(p -> !p.strippedNotices().isEmpty()).count();
            assertThat(with).isBetween(SAMPLE / 20L, SAMPLE * 3L / 20);
            for (int i = 0; i < SAMPLE; i++) {
                String[] lines = DOCUMENTS.get(i).text().split("\n");
                assertThat(PARSED.get(i).strippedNotices()).as("document %d", i)
                        .isSubsetOf(lines[0], lines[lines.length - 1]).hasSizeLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    @DisplayName("generation speed is reported (not asserted): documents per second on one thread")
    void speed() {
        SpeechCorpus corpus = new SpeechCorpus(7);
        corpus.documents(2_000).forEach(d -> { });
        long start = System.nanoTime();
        long chars = corpus.documents(10_000).mapToLong(d -> d.text().length()).sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("SpeechCorpus: 10000 documents, %d chars in %.2f s = %.0f documents/s on one thread%n",
                chars, seconds, 10_000 / seconds);
    }

    private static int nonBlank(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** Whether {@code word} occurs next to another Han character, i.e. as part of a longer phrase. */
    private static boolean insidePhrase(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            boolean before = at > 0 && Character.UnicodeScript.of(text.charAt(at - 1)) == Character.UnicodeScript.HAN;
            int end = at + word.length();
            boolean after = end < text.length() && Character.UnicodeScript.of(text.charAt(end)) == Character.UnicodeScript.HAN;
            if (before || after) {
                return true;
            }
        }
        return false;
    }
}
