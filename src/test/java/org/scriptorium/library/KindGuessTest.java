package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KindGuessTest {

    @Test
    @DisplayName("a speech at a summing-up meeting is a speech, a summary is a summary")
    void endingDecides() {
        assertThat(KindGuess.fromTitle("在全县2024年度总结表彰大会上的讲话")).isEqualTo("讲话稿");
        assertThat(KindGuess.fromTitle("2023年度基层党建工作总结")).isEqualTo("总结");
        assertThat(KindGuess.fromTitle("关于乡村振兴的调研报告")).isEqualTo("调研报告");
        assertThat(KindGuess.fromTitle("全市表彰大会主持词")).isEqualTo("主持词");
        assertThat(KindGuess.fromTitle("一份没有文种的文字")).isEqualTo("其他");
    }
}
