package org.scriptorium.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BaselineSearchTest {

    private final BaselineSearch search = new BaselineSearch(new LinkedHashMap<>(Map.of(
            "flood", "在全县防汛工作会议上的讲话\n今年汛期防汛形势严峻，要做好防汛备汛工作。",
            "safety", "关于全县安全生产工作情况的报告\n安全生产形势总体平稳。",
            "rural", "在全县乡村振兴工作推进会上的讲话\n全面推进乡村振兴。")));

    @Test
    @DisplayName("an unspaced query is cut into bigrams that are OR-ed: the material with most of them comes first")
    void bigramsOred() {
        assertThat(search.search("防汛讲话", 10)).first().isEqualTo("flood");
        assertThat(search.search("防汛讲话", 10)).contains("rural"); // 讲话 alone is enough to match
        assertThat(search.search("安全生产工作报告", 10)).first().isEqualTo("safety");
    }

    @Test
    @DisplayName("a query none of whose bigrams occur finds nothing; punctuation and Latin letters do no harm")
    void nothing() {
        assertThat(search.search("㵘䶮qzx", 10)).isEmpty();
        assertThat(search.search("\"防汛\"", 10)).containsExactly("flood");
        assertThat(search.search("讲话", 1)).hasSize(1);
    }
}
