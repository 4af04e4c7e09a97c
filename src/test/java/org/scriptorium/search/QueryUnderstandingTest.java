package org.scriptorium.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A query is read as the reader meant it")
class QueryUnderstandingTest {

    private final QueryUnderstanding understanding = new QueryUnderstanding();

    private UnderstoodQuery read(String text) {
        return understanding.understand(text, Synonyms.builtIn());
    }

    private static List<String> typed(UnderstoodQuery q) {
        return q.concepts().stream().map(UnderstoodQuery.Concept::typed).toList();
    }

    @ParameterizedTest(name = "{0}: words {1}, 文种 {2}")
    @CsvSource(delimiter = '|', textBlock = """
            安全生产工作报告      | 安全,生产        | 工作报告
            防汛讲话              | 防汛             | 讲话
            党建总结              | 党建             | 总结
            营商环境方案          | 营商,环境        | 方案
            主题教育心得体会      | 主题,教育        | 心得体会
            职业教育改革方案      | 职业教育,改革    | 方案
            关于做好防汛工作的通知 | 防汛             | 通知
            防汛 讲话             | 防汛             | 讲话
            防汛讲话稿范文        | 防汛             | 讲话稿
            乡村振兴              | 乡村,振兴        |
            """)
    @DisplayName("an unspaced query is cut into words, and a trailing 文种 becomes a hint")
    void words(String text, String words, String kind) {
        UnderstoodQuery q = read(text);
        assertThat(typed(q)).containsExactly(words.split(","));
        if (kind == null) {
            assertThat(q.kind()).isNull();
        } else {
            assertThat(q.kind().word()).isEqualTo(kind);
        }
    }

    @Test
    @DisplayName("the 公文's everyday words rank but are not required, unless nothing else is left")
    void everydayWords() {
        UnderstoodQuery q = read("关于做好全县防汛工作的通知");
        assertThat(typed(q)).containsExactly("防汛");
        assertThat(q.optional()).extracting(UnderstoodQuery.Concept::typed).containsExactly("做好", "全县", "工作");
        assertThat(q.runs()).containsExactly("做好全县防汛工作");
        assertThat(q.highlights()).contains("全县", "防汛");
        UnderstoodQuery only = read("加强工作");
        assertThat(typed(only)).containsExactly("加强", "工作");
        assertThat(only.optional()).isEmpty();
        assertThat(typed(read("\"工作\""))).containsExactly("工作");
    }

    @Test
    @DisplayName("the 文种 stands for the material kinds it names")
    void kinds() {
        assertThat(read("防汛讲话").kind().kinds()).containsExactly("讲话稿");
        assertThat(read("表态发言").kind().kinds()).containsExactly("讲话稿");
        assertThat(read("营商环境实施方案").kind().kinds()).containsExactly("方案");
        assertThat(read("主题教育心得").kind().kinds()).containsExactly("心得体会");
    }

    @Test
    @DisplayName("a year is a hint, with or without 年, and not part of a longer number")
    void year() {
        UnderstoodQuery q = read("2025年政府工作报告");
        assertThat(q.year()).isEqualTo(2025);
        assertThat(typed(q)).containsExactly("政府工作报告");
        assertThat(q.concepts().getFirst().alternatives()).contains("工作报告");
        assertThat(read("防汛讲话 2024").year()).isEqualTo(2024);
        assertThat(read("2023年度党建总结").year()).isEqualTo(2023);
        assertThat(read("编号12025678").year()).isNull();
        UnderstoodQuery alone = read("2025");
        assertThat(typed(alone)).containsExactly("2025");
    }

    @Test
    @DisplayName("nothing but a 文种 is searched for as a word, with its synonyms")
    void kindAlone() {
        UnderstoodQuery q = read("讲话稿");
        assertThat(typed(q)).containsExactly("讲话稿");
        assertThat(q.concepts().getFirst().alternatives()).contains("讲话");
    }

    @Test
    @DisplayName("synonym groups apply on word boundaries only")
    void synonyms() {
        UnderstoodQuery q = read("双随机一公开监管意见");
        assertThat(typed(q)).containsExactly("双随机一公开", "监管");
        assertThat(q.concepts().getFirst().alternatives()).contains("双随机、一公开");
        assertThat(read("人大").concepts().getFirst().alternatives()).contains("人民代表大会");
        // 国企 is a group term, but 中国企业 is 中国 + 企业
        assertThat(typed(read("中国企业"))).containsExactly("中国", "企业");
        assertThat(read("中国企业").concepts()).allSatisfy(c -> assertThat(c.alternatives()).hasSize(1));
        Synonyms own = Synonyms.of(List.of(List.of("秸秆禁烧", "禁烧秸秆")));
        assertThat(understanding.understand("秸秆禁烧", own).concepts().getFirst().alternatives())
                .containsExactly("秸秆禁烧", "禁烧秸秆");
    }

    @Test
    @DisplayName("characters smartcn cannot place are kept together, a lone one joins its neighbour")
    void unknownWords() {
        assertThat(typed(read("河长制"))).containsExactly("河长制");
        assertThat(typed(read("无废城市试点"))).containsExactly("无废", "城市", "试点");
        assertThat(typed(read("叁柒零壹伍捌玖贰壹陆"))).containsExactly("叁柒零壹伍捌玖贰壹陆");
    }

    @Test
    @DisplayName("a quoted phrase stays exact and whole; spaces between Chinese characters inside it mean nothing")
    void quoted() {
        UnderstoodQuery q = read("\"全面 小康\" 乡村振兴讲话");
        assertThat(q.concepts().getFirst()).isEqualTo(new UnderstoodQuery.Concept("全面小康", List.of("全面小康"), true));
        assertThat(typed(q)).containsExactly("全面小康", "乡村", "振兴");
        assertThat(q.stages()).containsExactly(Match.ALL, Match.ANY);
        assertThat(read("“防汛讲话”").concepts()).containsExactly(
                new UnderstoodQuery.Concept("防汛讲话", List.of("防汛讲话"), true));
    }

    @Test
    @DisplayName("function words and search-engine habits are dropped; runs of several words are kept for ranking")
    void noise() {
        UnderstoodQuery q = read("关于乡村振兴的讲话范文大全");
        assertThat(typed(q)).containsExactly("乡村", "振兴");
        assertThat(q.runs()).containsExactly("乡村振兴");
    }

    @Test
    @DisplayName("the fallback: all words, then all but a third, then any one; one word is not relaxed")
    void stages() {
        UnderstoodQuery four = read("安全 生产 防汛 应急");
        assertThat(four.stages()).containsExactly(Match.ALL, Match.MOST, Match.ANY);
        assertThat(four.required(Match.ALL)).isEqualTo(4);
        assertThat(four.required(Match.MOST)).isEqualTo(3);
        assertThat(four.required(Match.ANY)).isEqualTo(1);
        assertThat(read("安全 生产").stages()).containsExactly(Match.ALL, Match.ANY);
        assertThat(read("防汛讲话").stages()).containsExactly(Match.ALL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "*", "?", "~", "\"", "\"\"", "😀", "👍🏻🇨🇳", "+-&|!(){}[]^~*?:\\/", "\u0000\u200b", "的", "关于的"})
    @DisplayName("input with nothing to search for reads as empty, without failing")
    void empty(String text) {
        assertThat(read(text).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("odd input is read without failing, and a long query is bounded")
    void odd() {
        assertThat(typed(read("防汛😀讲话"))).containsExactly("防汛");
        assertThat(typed(read("AND OR NOT"))).containsExactly("and", "or", "not");
        assertThat(typed(read("\"未闭合的引号 防汛"))).containsExactly("未闭合", "引号", "防汛");
        assertThat(read("乡村振兴防汛抗旱安全生产营商环境".repeat(300)).concepts()).hasSizeLessThanOrEqualTo(QueryUnderstanding.MAX_CONCEPTS);
        assertThat(typed(read("ＡＢＣ防汛"))).contains("abc");
    }

    @Test
    @DisplayName("what a snippet highlights: every form of every word, the 文种 and the year")
    void highlights() {
        assertThat(read("2025年防汛讲话").highlights()).contains("防汛", "防汛抗旱", "讲话", "2025");
    }
}
