package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Character similarity")
class CharacterSimilarityTest {

    @Test
    @DisplayName("the bit-parallel LCS length equals the textbook one, across word boundaries")
    void lcsLength() {
        Random random = new Random(1);
        for (int round = 0; round < 300; round++) {
            int[] a = random.ints(random.nextInt(200), 0, 1 + random.nextInt(6)).toArray();
            int[] b = random.ints(random.nextInt(200), 0, 1 + random.nextInt(6)).toArray();

            assertThat(CharacterSimilarity.lcsLength(a, b)).as("round %d", round).isEqualTo(textbook(a, b));
        }
    }

    @Test
    @DisplayName("is 1 for equal texts and 0 for texts with nothing in common")
    void extremes() {
        assertThat(CharacterSimilarity.of("加强学习".codePoints().toArray(), "加强学习".codePoints().toArray())).isEqualTo(1.0);
        assertThat(CharacterSimilarity.of("甲乙".codePoints().toArray(), "丙丁".codePoints().toArray())).isEqualTo(0.0);
    }

    private static int textbook(int[] a, int[] b) {
        int[][] t = new int[a.length + 1][b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
            }
        }
        return t[a.length][b.length];
    }
}
