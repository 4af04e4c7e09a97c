package org.scriptorium.search;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code scriptorium.search.engine}: the three engines start; anything else stops the start, naming the setting. */
class SearchEngineSettingTest {

    @Test
    @DisplayName("lucene, opensearch and database are engines; a misspelt or empty one is refused by name")
    void engines() {
        for (String engine : SearchConfig.ENGINES) {
            assertThatCode(() -> SearchConfig.checkEngine(engine)).doesNotThrowAnyException();
        }
        for (String wrong : new String[] {"opensarch", "Lucene", "", "elasticsearch"}) {
            assertThatThrownBy(() -> SearchConfig.checkEngine(wrong))
                    .hasMessageContaining("scriptorium.search.engine").hasMessageContaining("'" + wrong + "'");
        }
    }
}
