package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IndexDifferenceTest {

    @Test
    @DisplayName("materials only in the database are missing, only in the index extra, at another version stale")
    void differences() {
        IndexDifference d = IndexDifference.between(
                Map.of("a", "1@t1", "b", "2@t2", "c", "1@t3"),
                Map.of("b", "1@t0", "c", "1@t3", "x", "4@t9"));
        assertThat(d.missing()).containsExactly("a");
        assertThat(d.stale()).containsExactly("b");
        assertThat(d.extra()).containsExactly("x");
        assertThat(d.size()).isEqualTo(3);
    }

    @Test
    @DisplayName("an index that agrees with the database needs nothing")
    void agreeing() {
        assertThat(IndexDifference.between(Map.of("a", "1@t1"), Map.of("a", "1@t1")).isEmpty()).isTrue();
    }
}
