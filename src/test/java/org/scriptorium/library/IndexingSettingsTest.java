package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Search indexing settings choose how nodes keep their indexes in step")
class IndexingSettingsTest {

    static IndexingSettings follow(String value) {
        return new IndexingSettings(value, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofDays(7));
    }

    @Test
    @DisplayName("auto follows the change log on PostgreSQL only; on and off decide whatever the database")
    void follows() {
        assertThat(follow("auto").follows(true)).isTrue();
        assertThat(follow("auto").follows(false)).as("one node on H2 works as before").isFalse();
        assertThat(follow("ON").follows(false)).isTrue();
        assertThat(follow("off").follows(true)).isFalse();
    }

    @Test
    @DisplayName("a misspelt choice, a zero poll or lease, or a retention under an hour stop the start with the setting named")
    void refused() {
        assertThatThrownBy(() -> follow("yes")).hasMessageContaining("scriptorium.search.indexing.follow");
        assertThatThrownBy(() -> new IndexingSettings("auto", Duration.ZERO, Duration.ofMinutes(1), Duration.ofDays(7)))
                .hasMessageContaining("poll");
        assertThatThrownBy(() -> new IndexingSettings("auto", Duration.ofSeconds(5), Duration.ZERO, Duration.ofDays(7)))
                .hasMessageContaining("lease");
        assertThatThrownBy(() -> new IndexingSettings("auto", Duration.ofSeconds(5), Duration.ofMinutes(1),
                Duration.ofMinutes(30))).hasMessageContaining("retention");
    }
}
