package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scriptorium.common.Rejected;

/** What an operator's notice rule must be to be added. */
class NoticeRuleCheckTest {

    private static final NoticeRuleCheck CHECK = NoticeRuleCheck.bundled();

    private static NoticeRule check(String pattern, boolean regex) {
        return CHECK.check("op-test", pattern, regex, NoticeRule.Scope.EDGE, "测试");
    }

    private static String codeOf(String pattern, boolean regex) {
        try {
            check(pattern, regex);
            return "ACCEPTED";
        } catch (Rejected e) {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.chinese()).as("a Chinese message").containsPattern("\\p{IsHan}");
            return e.code();
        }
    }

    @Test
    @DisplayName("the check reads the demo materials and a few hundred lines of real documents")
    void bundled() {
        assertThat(CHECK.documentLineCount()).isBetween(400, 600);
    }

    @Test
    @DisplayName("a site's name, slogan or contact line is accepted, as a phrase or a regular expression")
    void accepted() {
        NoticeRule phrase = check("  酷乐文行  ", false);
        assertThat(phrase.pattern()).as("a phrase is kept without the spaces around it").isEqualTo("酷乐文行");
        assertThat(phrase.compiled().matcher("【酷乐文行】自建平台").find()).isTrue();
        assertThat(phrase.builtIn()).isFalse();
        assertThat(check("^(?:酷乐|笔杆子)文稿\\s*[·|]", true).compiled().matcher("笔杆子文稿 · 每日更新").find()).isTrue();
        assertThat(check("咨询电话[:：]\\s*400-\\d{3}-\\d{4}", true).regex()).isTrue();
        assertThat(codeOf("a.b", false)).as("a phrase's dot is a dot, not any character").isEqualTo("ACCEPTED");
    }

    @Test
    @DisplayName("a blank pattern, one over 200 characters, a bad expression, no scope or a long reason is INVALID_RULE")
    void invalid() {
        assertThat(codeOf("   ", false)).isEqualTo("INVALID_RULE");
        assertThat(codeOf(null, true)).isEqualTo("INVALID_RULE");
        assertThat(codeOf("酷".repeat(201), false)).isEqualTo("INVALID_RULE");
        assertThat(codeOf("酷".repeat(200), false)).isEqualTo("ACCEPTED");
        assertThat(codeOf("(未闭合", true)).isEqualTo("INVALID_RULE");
        assertThat(codeOf("(未闭合", false)).as("the same text as a phrase is fine").isEqualTo("ACCEPTED");
        assertThatThrownBy(() -> CHECK.check("op-x", "酷乐文行", false, null, null))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.field()).isEqualTo("scope"));
        assertThatThrownBy(() -> CHECK.check("op-x", "酷乐文行", false, NoticeRule.Scope.EDGE, "因".repeat(101)))
                .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.code()).isEqualTo("INVALID_RULE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a*", "^", "$", "x|", "(?:QQ)?", "\\s*"})
    @DisplayName("a regular expression that matches an empty line is RULE_TOO_BROAD")
    void matchesEmpty(String pattern) {
        assertThat(codeOf(pattern, true)).isEqualTo("RULE_TOO_BROAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"的", "工作", "政府", "同志们", "人民政府$", "^[一二三四五六七八九十]+、", "年\\d{1,2}月", "^\\d+$",
            "电话", "号，邮编", "扫码", "持续更新"})
    @DisplayName("a rule that matches a line of the demo materials or of real documents is RULE_TOO_BROAD")
    void tooBroad(String pattern) {
        assertThat(codeOf(pattern, true)).isEqualTo("RULE_TOO_BROAD");
    }

    @Test
    @DisplayName("RULE_TOO_BROAD names a line the rule would strip")
    void tooBroadSaysWhere() {
        assertThatThrownBy(() -> check("淮安市人民政府", false)).isInstanceOfSatisfying(Rejected.class, e -> {
            assertThat(e.chinese()).contains("淮安市人民政府");
            assertThat(e.properties().get("line")).contains("淮安市人民政府");
            assertThat(e.field()).isEqualTo("pattern");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"^(a+)+\\1b", "(.*){1,32000}[bc]", "(a{1,5}){1,8}b", "(?:(?:a|a)+)+b", "(?:(?:中|中)+)+X",
            "^(?:(?:酷|酷)+)+乐文行"})
    @DisplayName("a regular expression that backtracks without end is RULE_TOO_SLOW, found without a timer")
    void tooSlow(String pattern) {
        assertThat(codeOf(pattern, true)).isEqualTo("RULE_TOO_SLOW");
    }

    @Test
    @DisplayName("a budgeted text answers like the text until its reads are spent, sub-sequences sharing the budget")
    void budgetedText() {
        BudgetedText text = BudgetedText.of("酷乐文行", 5);
        assertThat(text.length()).isEqualTo(4);
        assertThat(text.toString()).isEqualTo("酷乐文行");
        CharSequence tail = text.subSequence(2, 4);
        assertThat(tail.toString()).isEqualTo("文行");
        assertThat(text.charAt(0)).isEqualTo('酷');
        assertThat(tail.charAt(0)).isEqualTo('文');
        assertThat(List.of(text.charAt(1), tail.charAt(1), text.charAt(3))).containsExactly('乐', '行', '行');
        assertThatThrownBy(() -> text.charAt(0)).isInstanceOf(BudgetedText.Exhausted.class);
    }
}
