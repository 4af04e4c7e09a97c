package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("line breaker")
class LineBreakerTest {

    /** Chinese characters and punctuation (from U+2000 on) one unit wide, Latin half a unit, as in most Chinese fonts. */
    private final LineBreaker breaker = new LineBreaker(cp -> cp < 0x2000 ? 0.5 : 1.0);

    private List<String> lines(String text, double width) {
        return breaker.lines(text, width, width).stream().map(LineBreaker.Line::text).toList();
    }

    @Test
    @DisplayName("breaks between any two Chinese characters")
    void anywhere() {
        assertThat(lines("加强学习提高本领", 3)).containsExactly("加强学", "习提高", "本领");
    }

    @Test
    @DisplayName("pushes the character before a comma to the next line rather than start a line with the comma")
    void noCommaAtLineStart() {
        assertThat(lines("加强学，提高本领", 3)).containsExactly("加强", "学，提", "高本领");
    }

    @Test
    @DisplayName("no line ends with an opening bracket or quotation mark")
    void noOpeningAtLineEnd() {
        assertThat(lines("学习《条例》全文", 3)).containsExactly("学习", "《条", "例》全", "文");
    }

    @Test
    @DisplayName("closing punctuation in a row moves together")
    void closingRun() {
        List<String> lines = lines("他说：“好。”然后走了", 4);
        assertThat(lines).allSatisfy(l -> assertThat(LineBreaker.NOT_AT_LINE_START.indexOf(l.codePointAt(0))).isNegative());
        assertThat(String.join("", lines)).isEqualTo("他说：“好。”然后走了");
    }

    @Test
    @DisplayName("keeps a Latin word or number whole and drops the spaces where it breaks")
    void words() {
        assertThat(lines("增长 12.5% 以上 Scriptorium 平台", 6)).containsExactly("增长 12.5%", "以上", "Scriptorium", "平台");
    }

    @Test
    @DisplayName("splits a word longer than a line rather than overflow")
    void longWord() {
        assertThat(lines("abcdefghij", 2)).containsExactly("abcd", "efgh", "ij");
    }

    @Test
    @DisplayName("never splits a 破折号 or 省略号 pair")
    void dashes() {
        assertThat(lines("一二——三四", 3)).containsExactly("一二", "——三", "四");
    }

    @Test
    @DisplayName("a narrower first line leaves room for the indent, and empty text is one empty line")
    void firstLine() {
        assertThat(breaker.lines("一二三四五", 2, 3)).extracting(LineBreaker.Line::text).containsExactly("一二", "三四五");
        assertThat(breaker.lines("", 2, 3)).extracting(LineBreaker.Line::text).containsExactly("");
    }
}
