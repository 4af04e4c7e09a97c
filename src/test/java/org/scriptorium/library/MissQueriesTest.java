package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MissQueriesTest {

    @Test
    @DisplayName("a query is counted by its width-folded, lower-case form with spaces collapsed")
    void normalised() {
        assertThat(MissQueries.key("  乡村振兴　 ＡＢＣ  讲话 ", 50)).contains("乡村振兴 abc 讲话");
        assertThat(MissQueries.key("<script>alert(1)</script>", 50)).contains("<script>alert(1)</script>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://spam.example/buy", "HTTPS://x.y", "www.daixie", "代写论文 lunwen.com", "加微信 abc.top 优惠", "加微信 专项.top", "看 网址.com",
            "ｗｗｗ．ｓｐａｍ．ｃｎ", "联系 me@mail.qq.com", "ftp://files", "telegram t.me/xx", "乡村\u200b振兴", "\u0007bell", "   "})
    @DisplayName("links, invisible characters and blanks are not kept")
    void notKept(String query) {
        assertThat(MissQueries.key(query, 50)).isEmpty();
    }

    @Test
    @DisplayName("a query longer than the limit is pasted text, not a search, and is not kept")
    void tooLong() {
        assertThat(MissQueries.key("讲".repeat(50), 50)).isPresent();
        assertThat(MissQueries.key("讲".repeat(51), 50)).isEmpty();
        assertThat(MissQueries.key(null, 50)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.5亿元", "十四五规划", "v2.0 方案", "2024年工作总结", "a.b", "第1.2节", "comment 评论"})
    @DisplayName("ordinary queries with dots and figures are kept")
    void kept(String query) {
        assertThat(MissQueries.key(query, 50)).isPresent();
    }
}
