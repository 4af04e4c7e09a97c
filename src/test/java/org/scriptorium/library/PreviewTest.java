package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PreviewTest {

    private static String shown(String preview) {
        return preview.endsWith(Preview.MORE) ? preview.substring(0, preview.length() - Preview.MORE.length()) : preview;
    }

    @Test
    @DisplayName("a 42-character material shows at most 14 characters, not the whole text")
    void shortMaterial() {
        String body = "今天召开这次会议，主要任务是安排部署春季农业生产工作。刚才各镇都作了发言，讲得很好。";
        assertThat(body).hasSize(42);
        String preview = Preview.of(List.of(body), 42, 300);
        assertThat(shown(preview)).hasSize(14).isEqualTo(body.substring(0, 14));
        assertThat(preview).endsWith(Preview.MORE);
    }

    @Test
    @DisplayName("never more than a third of the text, over several paragraphs and line breaks")
    void aThirdAtMost() {
        for (int n = 0; n <= 200; n++) {
            String body = "抓".repeat(n);
            List<String> blocks = List.of(body.substring(0, n / 2), body.substring(n / 2));
            assertThat(shown(Preview.of(blocks, n, 300)).length()).as("%d characters", n).isLessThanOrEqualTo(n / 3);
        }
    }

    @Test
    @DisplayName("a long material shows the configured length, cut inside a paragraph")
    void longMaterial() {
        String paragraph = "要提前调运种子、化肥、农药，确保农资供应不断档。".repeat(20);
        String preview = Preview.of(List.of("一、压实工作责任", paragraph, paragraph), 2 * paragraph.length() + 8, 300);
        assertThat(shown(preview)).hasSize(300).startsWith("一、压实工作责任\n要提前调运");
    }

    @Test
    @DisplayName("a preview that holds the whole beginning it was allowed gets no ellipsis")
    void exactFit() {
        assertThat(Preview.of(List.of("一二三"), 9, 300)).isEqualTo("一二三");
    }
}
