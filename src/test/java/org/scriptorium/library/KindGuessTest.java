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

    @Test
    @DisplayName("a 公文 is of the kind its title ends with; a notice that issues a plan is filed as the plan")
    void documentKinds() {
        assertThat(KindGuess.fromTitle("国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见")).isEqualTo("意见");
        assertThat(KindGuess.fromTitle("国务院办公厅关于2019年部分节假日安排的通知")).isEqualTo("通知");
        assertThat(KindGuess.fromTitle("国务院关于印发国家职业教育改革实施方案的通知")).isEqualTo("方案");
        assertThat(KindGuess.fromTitle("淮安市人民政府2024年政府信息公开工作年度报告")).isEqualTo("工作报告");
    }
}
