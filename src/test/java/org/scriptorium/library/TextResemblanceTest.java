package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The containment measure behind near-duplicate detection, on real documents. */
class TextResemblanceTest {

    static final Path REAL = Path.of("src/test/resources/corpus/real");

    static String real(String prefix) throws IOException {
        try (var files = Files.list(REAL)) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
            return Files.readString(file);
        }
    }

    /**
     * The text with its {@code first}th and {@code second}th paragraphs (of those over 100 characters) rewritten: their
     * characters reversed, which keeps their length and shares no k-gram with them, as a full rewrite would not.
     */
    static String withTwoParagraphsChanged(String text, int first, int second) {
        List<String> paragraphs = new ArrayList<>(Arrays.asList(text.split("\n")));
        int seen = 0;
        for (int i = 0; i < paragraphs.size(); i++) {
            if (paragraphs.get(i).length() > 100) {
                if (seen == first || seen == second) {
                    paragraphs.set(i, new StringBuilder(paragraphs.get(i)).reverse().toString());
                }
                seen++;
            }
        }
        return String.join("\n", paragraphs);
    }

    private static double containment(String of, String in) {
        return TextResemblance.containment(TextResemblance.fingerprints(of), TextResemblance.fingerprints(in));
    }

    @Test
    @DisplayName("a real report with two paragraphs rewritten is at least 90 % contained in the original")
    void changedParagraphs() throws IOException {
        String original = real("A01_");
        assertThat(containment(withTwoParagraphsChanged(original, 3, 9), original)).isBetween(0.9, 0.999);
    }

    @Test
    @DisplayName("the same text, re-spaced and re-punctuated, is wholly contained; nothing is contained in nothing")
    void normalised() throws IOException {
        String original = real("D01_");
        String respaced = original.replace("，", ", ").replace("。", ".\n\n").replace("\n", "\r\n");
        assertThat(containment(respaced, original)).isEqualTo(1.0);
        assertThat(containment("", original)).isZero();
    }

    @Test
    @DisplayName("two different reports of the same kind share stock phrases only")
    void differentReports() throws IOException {
        assertThat(containment(real("A03_"), real("A01_"))).isLessThan(0.1);
        assertThat(containment(real("B01_"), real("B04_"))).isLessThan(0.1);
    }

    @Test
    @DisplayName("the index's sample is about one in eight fingerprints, and the same k-grams in every text")
    void sample() throws IOException {
        long[] all = TextResemblance.fingerprints(real("A01_"));
        long[] sample = TextResemblance.sample(all);
        assertThat((double) sample.length / all.length).isBetween(0.1, 0.15);
        long[] again = TextResemblance.sample(TextResemblance.fingerprints(withTwoParagraphsChanged(real("A01_"), 1, 2)));
        assertThat(TextResemblance.containment(again, sample)).isGreaterThan(0.9);
    }
}
