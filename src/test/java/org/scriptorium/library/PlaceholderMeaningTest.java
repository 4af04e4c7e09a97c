package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scriptorium.library.PlaceholderMeaning.DATE;
import static org.scriptorium.library.PlaceholderMeaning.NAME;
import static org.scriptorium.library.PlaceholderMeaning.NUMBER;
import static org.scriptorium.library.PlaceholderMeaning.OTHER;
import static org.scriptorium.library.PlaceholderMeaning.PLACE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sentences from the demo materials (src/main/resources/demo) unless said otherwise. */
class PlaceholderMeaningTest {

    private static List<PlaceholderMeaning> meanings(String text) {
        return Placeholders.occurrences(text).stream().map(Placeholders.Occurrence::meaning).toList();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            县政府与各乡镇、各部门签订安全生产目标责任书××份，明确了党政同责              | NUMBER
            ××县持续优化营商环境三年行动方案                                           | PLACE
            ××县应急管理局                                                             | PLACE
            某某街道2023年度基层党建工作总结                                            | PLACE
            2023年，某某街道党工委坚持以习近平新时代中国特色社会主义思想为指导         | PLACE
            首先，请市委组织部副部长××同志宣读《关于表彰全市“最美基层干部”的决定》   | NAME
            最后，请市委副书记某某同志作重要讲话，大家欢迎                             | NAME
            县长 ×××                                                                   | NAME
            党支部书记 ×××                                                             | NAME
            街道党工委全年召开理论学习中心组学习会××次                                  | NUMBER
            政务服务事项网上可办率达到××%以上                                           | NUMBER
            今年全县计划新建高标准农田××万亩                                            | NUMBER
            我参加了为期×天的主题教育读书班                                             | NUMBER
            做了××页学习笔记                                                            | NUMBER
            每名党员每年撰写不少于××篇学习心得                                          | NUMBER
            新建加固堤防××公里                                                         | NUMBER
            县里组建××人的防汛抢险突击队                                                | NUMBER
            各乡镇要在XX月底前完成项目选址                                              | DATE
            为推动××事业高质量发展贡献自己的力量                                        | OTHER
            本资料由××文稿整理 仅供学习 禁止外传                                        | OTHER
            联系电话：＿＿＿＿＿＿                                                        | NUMBER
            这是第××次全体会议                                                         | NUMBER
            近××年来，全县经济持续发展                                                  | NUMBER
            ××人民政府办公室                                                           | PLACE
            ××市人民代表大会常务委员会                                                  | PLACE
            """)
    @DisplayName("a placeholder's meaning is read from its neighbours")
    void oneMeaning(String sentence, PlaceholderMeaning expected) {
        assertThat(meanings(sentence.strip())).containsExactly(expected);
    }

    @Test
    @DisplayName("one token stands for different things in one paragraph (目标责任书××份 is a number, ××县 a place)")
    void sameTokenDifferentMeanings() {
        assertThat(meanings("××县与各乡镇签订安全生产目标责任书××份，检查生产经营单位XXX家次，发现隐患××处，整改率达到××%。"))
                .containsExactly(PLACE, NUMBER, NUMBER, NUMBER, NUMBER);
    }

    @Test
    @DisplayName("the parts of a date are dates, each with its unit; a month's 号 is a day, a document's 号 a number")
    void dates() {
        List<Placeholders.Occurrence> date = Placeholders.occurrences("××年××月××日");
        assertThat(date).extracting(Placeholders.Occurrence::meaning).containsOnly(DATE);
        assertThat(date).extracting(Placeholders.Occurrence::dateUnit).containsExactly("年", "月", "日");
        assertThat(Placeholders.occurrences("2024年7月××日")).singleElement()
                .satisfies(o -> assertThat(o.dateUnit()).isEqualTo("日"));
        assertThat(Placeholders.occurrences("7月××号召开")).singleElement()
                .satisfies(o -> assertThat(o.dateUnit()).isEqualTo("日"));
        assertThat(meanings("县政办发〔2024〕××号")).containsExactly(NUMBER);
        assertThat(meanings("会议时间：××")).containsExactly(DATE);
    }

    @Test
    @DisplayName("in a list, a placeholder that says nothing takes the meaning of the one its list ends with")
    void lists() {
        assertThat(meanings("参加会议的有××、××等同志。")).containsExactly(NAME, NAME);
        assertThat(meanings("刚才，某某同志通报了各乡镇工作进展，××镇、××乡作了交流发言")).containsExactly(NAME, PLACE, PLACE);
        assertThat(meanings("下面，请受表彰人员代表、××县××镇党委书记某某某同志发言")).containsExactly(PLACE, PLACE, NAME);
        assertThat(meanings("，王××、李××同志")).containsExactly(NAME, NAME);
    }

    @Test
    @DisplayName("the copy's invisible marks between a placeholder and its neighbour do not change its meaning")
    void invisibleMarksSkipped() {
        assertThat(meanings("目标责任书××\u200B\u200C\u200D\u2060份")).containsExactly(NUMBER);
        assertThat(meanings("××\u200D县")).containsExactly(PLACE);
    }

    @Test
    @DisplayName("every placeholder of the demo materials gets a meaning, and none of those listed above is OTHER by mistake")
    void demoMaterials() throws IOException {
        String speech = read("demo/02-安全生产工作报告.txt");
        List<Placeholders.Occurrence> all = Placeholders.occurrences(speech);
        assertThat(all).isNotEmpty().allSatisfy(o -> assertThat(o.meaning()).isNotNull());
        assertThat(all).filteredOn(o -> o.meaning() == NUMBER).hasSizeGreaterThanOrEqualTo(8);
        assertThat(all).filteredOn(o -> o.meaning() == OTHER).isEmpty();
    }

    private static String read(String resource) throws IOException {
        try (var in = PlaceholderMeaningTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
