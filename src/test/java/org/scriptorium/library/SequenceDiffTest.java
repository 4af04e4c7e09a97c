package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.library.SequenceDiff.Step;

@DisplayName("Sequence diff")
class SequenceDiffTest {

    @Test
    @DisplayName("the script walks both sequences and keeps a longest common subsequence")
    void shortest() {
        Random random = new Random(3);
        for (int round = 0; round < 300; round++) {
            int[] a = random.ints(random.nextInt(60), 0, 4).toArray();
            int[] b = random.ints(random.nextInt(60), 0, 4).toArray();

            List<Step> steps = SequenceDiff.steps(a, b, Integer.MAX_VALUE);

            assertWalks(steps, a, b);
            assertThat(steps.stream().filter(s -> s == Step.KEEP).count())
                    .isEqualTo(CharacterSimilarity.lcsLength(a, b));
        }
    }

    @Test
    @DisplayName("past the edit limit the middle is replaced whole, common prefix and suffix kept")
    void limit() {
        int[] a = {9, 1, 2, 3, 4, 9};
        int[] b = {9, 4, 3, 2, 1, 9};

        List<Step> steps = SequenceDiff.steps(a, b, 2);

        assertWalks(steps, a, b);
        assertThat(steps).containsExactly(Step.KEEP, Step.DELETE, Step.DELETE, Step.DELETE, Step.DELETE,
                Step.INSERT, Step.INSERT, Step.INSERT, Step.INSERT, Step.KEEP);
    }

    private static void assertWalks(List<Step> steps, int[] a, int[] b) {
        List<Integer> fromA = new ArrayList<>();
        List<Integer> fromB = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (Step step : steps) {
            switch (step) {
                case KEEP -> {
                    assertThat(a[i]).isEqualTo(b[j]);
                    fromA.add(a[i++]);
                    fromB.add(b[j++]);
                }
                case DELETE -> fromA.add(a[i++]);
                case INSERT -> fromB.add(b[j++]);
            }
        }
        assertThat(fromA).containsExactly(Arrays.stream(a).boxed().toArray(Integer[]::new));
        assertThat(fromB).containsExactly(Arrays.stream(b).boxed().toArray(Integer[]::new));
    }
}
