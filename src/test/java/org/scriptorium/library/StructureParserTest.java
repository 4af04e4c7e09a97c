package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scriptorium.common.Rejected;

class StructureParserTest {

    private final StructureParser parser = new StructureParser();

    private List<Heading> outlineOf(String text) {
        return parser.parse(text).outline();
    }

    @Nested
    @DisplayName("a speech with headings sharing their lines and notices around it")
    class Speech {

        private final ParsedMaterial parsed = parser.parse(Fixtures.text("speech-inline-headings.txt"));

        @Test
        @DisplayName("the title is the first short line after the notices, the salutation is found below speaker and date")
        void titleAndSalutation() {
            assertThat(parsed.title()).isEqualTo("在全县脱贫攻坚总结表彰大会上的讲话");
            assertThat(parsed.salutation()).isEqualTo("同志们：");
        }

        @Test
        @DisplayName("the date and speaker lines under the title are kept as ordinary paragraphs, not headings")
        void dateAndSpeakerArePlainParagraphs() {
            assertThat(parsed.blocks().subList(0, 2)).containsExactly(
                    new Paragraph("（2024年3月15日）", 0, false),
                    new Paragraph("县委书记 ×××", 0, false));
        }

        @Test
        @DisplayName("a heading that shares its line with body text is split after its first sentence")
        void headingSplitFromBody() {
            int at = indexOfHeading("一、");
            assertThat(parsed.blocks().get(at)).isEqualTo(new Heading(1, "一、",
                    "增强政治意识，始终同党中央保持高度一致", "一、增强政治意识，始终同党中央保持高度一致。", "s1"));
            assertThat(parsed.blocks().get(at + 1)).isEqualTo(
                    new Paragraph("一是把学习贯彻作为首要任务；二是把责任落实作为关键环节；三是把群众满意作为根本标准。", 3, false,
                            Paragraph.Role.RUN_IN));
        }

        @Test
        @DisplayName("all four levels are recognised in full- and half-width forms, with positional anchors")
        void fourLevels() {
            assertThat(parsed.outline()).extracting(Heading::level, Heading::number, Heading::heading, Heading::anchor)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1, "一、", "增强政治意识，始终同党中央保持高度一致", "s1"),
                            org.assertj.core.groups.Tuple.tuple(2, "（一）", "提高站位", "s1-1"),
                            org.assertj.core.groups.Tuple.tuple(3, "1.", "抓好项目建设", "s1-1-1"),
                            org.assertj.core.groups.Tuple.tuple(4, "（1）", "建立台账", "s1-1-1-1"),
                            org.assertj.core.groups.Tuple.tuple(2, "(二)", "压实责任", "s1-2"),
                            org.assertj.core.groups.Tuple.tuple(3, "1．", "明确分工", "s1-2-1"),
                            org.assertj.core.groups.Tuple.tuple(4, "(2)", "强化督查", "s1-2-1-1"),
                            org.assertj.core.groups.Tuple.tuple(1, "二、", "坚持问题导向，关注群众急难愁盼", "s2"),
                            org.assertj.core.groups.Tuple.tuple(1, "十一、", "继续巩固拓展脱贫攻坚成果", "s3"));
        }

        @Test
        @DisplayName("a level-4 heading ending in a colon keeps the colon in its text but not in its words")
        void colonEndsHeading() {
            int at = indexOfHeading("（1）");
            assertThat(((Heading) parsed.blocks().get(at)).text()).isEqualTo("（1）建立台账：");
            assertThat(parsed.blocks().get(at + 1).text()).isEqualTo("各乡镇要在＿＿月底前完成。");
        }

        @Test
        @DisplayName("points are counted per paragraph, 第一，and 一是 alike, but not 统一是 or 排名第一，")
        void points() {
            int at = indexOfHeading("1．");
            assertThat(((Paragraph) parsed.blocks().get(at + 1)).points()).isEqualTo(2);
            int supervision = indexOfHeading("(2)");
            assertThat(((Paragraph) parsed.blocks().get(supervision + 1)).points()).isZero();
            assertThat(parsed.points()).isEqualTo(5);
        }

        @Test
        @DisplayName("the trailing 同志们， and 谢谢大家 paragraphs are marked closing, nothing before them")
        void closing() {
            List<Block> blocks = parsed.blocks();
            assertThat(blocks.get(blocks.size() - 1)).isEqualTo(new Paragraph("谢谢大家！", 0, true));
            assertThat(((Paragraph) blocks.get(blocks.size() - 2)).closing()).isTrue();
            assertThat(blocks).filteredOn(b -> b instanceof Paragraph p && p.closing()).hasSize(2);
        }

        @Test
        @DisplayName("notices at top and bottom are stripped and returned as written; their frames are dropped")
        void notices() {
            assertThat(parsed.strippedNotices()).containsExactly(
                    "本资料由××文稿整理 仅供学习 禁止外传", "更多资料请订阅××文库，咨询QQ123456789");
            assertThat(parsed.body()).doesNotContain("仅供学习", "QQ", "-----", "=====");
        }

        @Test
        @DisplayName("a genuine sentence about 学习 and 关注 survives")
        void genuineSentenceSurvives() {
            assertThat(parsed.body()).contains("要认真学习贯彻党的二十大精神，关注群众急难愁盼问题。");
        }

        @Test
        @DisplayName("the body starts with title and salutation, has one block per line and no indentation")
        void body() {
            String[] lines = parsed.body().split("\n");
            assertThat(lines[0]).isEqualTo(parsed.title());
            assertThat(lines[1]).isEqualTo("同志们：");
            // a heading's run-in text stays on the heading's line, as written
            long runIn = parsed.blocks().stream().filter(b -> b instanceof Paragraph p && p.role() == Paragraph.Role.RUN_IN).count();
            assertThat(lines).hasSize(2 + parsed.blocks().size() - (int) runIn);
            assertThat(parsed.body()).doesNotContain("\u3000", "\r", "\uFEFF");
            assertThat(parsed.characters()).isEqualTo(parsed.body().replaceAll("\\s", "").length());
        }

        @Test
        @DisplayName("placeholders are counted per token as written, most frequent first, notices excluded")
        void placeholders() {
            assertThat(parsed.placeholders()).containsExactly(
                    new PlaceholderCount("××", 2),
                    new PlaceholderCount("XXX", 1),
                    new PlaceholderCount("×××", 1),
                    new PlaceholderCount("某某", 1),
                    new PlaceholderCount("＿＿", 1));
        }

        private int indexOfHeading(String number) {
            List<Block> blocks = parsed.blocks();
            for (int i = 0; i < blocks.size(); i++) {
                if (blocks.get(i) instanceof Heading h && h.number().equals(number)) {
                    return i;
                }
            }
            throw new AssertionError("no heading " + number);
        }
    }

    @Nested
    @DisplayName("headings")
    class Headings {

        @ParameterizedTest(name = "{0} is level {1}")
        @CsvSource(delimiter = '|', textBlock = """
                一、总体要求                | 1 | 一、
                十一、其他事项              | 1 | 十一、
                二十三、附则                | 1 | 二十三、
                九十九、结语                | 1 | 九十九、
                （一）加强领导              | 2 | （一）
                (十二)强化保障              | 2 | (十二)
                1.抓好落实                  | 3 | 1.
                12．完善机制                | 3 | 12．
                3、压实责任                 | 3 | 3、
                （1）明确分工               | 4 | （1）
                (10)建立台账                | 4 | (10)
                """)
        @DisplayName("every numbering style maps to its level, the number kept as written")
        void levels(String line, int level, String number) {
            assertThat(outlineOf("标题\n" + line)).singleElement()
                    .satisfies(h -> {
                        assertThat(h.level()).isEqualTo(level);
                        assertThat(h.number()).isEqualTo(number);
                    });
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "一是加强组织领导，确保各项任务落到实处。",
                "2024年是全面贯彻落实党的二十大精神的关键之年。",
                "1.5亿元衔接资金已全部拨付到位。",
                "（2024年3月15日）",
                "第一，要提高政治站位。",
                "全县共有12个乡镇、3.2万户群众受益。",
                "一二年级学生全部纳入营养餐计划。"})
        @DisplayName("points, dates, amounts and numbers inside sentences are not headings")
        void notHeadings(String line) {
            assertThat(outlineOf("标题\n" + line)).isEmpty();
        }

        @Test
        @DisplayName("a level-3 heading sharing its line is split after its first sentence")
        void levelThreeSplit() {
            ParsedMaterial parsed = parser.parse("标题\n1.抓好项目建设。今年以来，全县共实施项目××个。");
            assertThat(parsed.blocks()).containsExactly(
                    new Heading(3, "1.", "抓好项目建设", "1.抓好项目建设。", "s0-0-1"),
                    new Paragraph("今年以来，全县共实施项目××个。", 0, false, Paragraph.Role.RUN_IN));
        }

        @Test
        @DisplayName("a short heading line with no terminal punctuation is wholly a heading")
        void wholeLineHeading() {
            assertThat(parser.parse("标题\n（三）强化督导检查").blocks())
                    .containsExactly(new Heading(2, "（三）", "强化督导检查", "（三）强化督导检查", "s0-1"));
        }

        @Test
        @DisplayName("a heading ending in a semicolon is split there when no sentence end comes first")
        void semicolonSplit() {
            assertThat(parser.parse("标题\n二、夯实基层基础；各乡镇要配齐配强村级班子").blocks()).containsExactly(
                    new Heading(1, "二、", "夯实基层基础", "二、夯实基层基础；", "s1"),
                    new Paragraph("各乡镇要配齐配强村级班子", 0, false, Paragraph.Role.RUN_IN));
        }
    }

    @Nested
    @DisplayName("title and salutation")
    class TitleAndSalutation {

        @Test
        @DisplayName("without a title line, a title is made from the start of the body and the line stays in the blocks")
        void noTitle() {
            ParsedMaterial parsed = parser.parse(Fixtures.text("report-no-title.txt"));
            assertThat(parsed.title()).isEqualTo("今年以来，在县委、县政府的正确领导下，我…");
            assertThat(parsed.salutation()).isNull();
            assertThat(parsed.blocks().getFirst().text()).startsWith("今年以来，在县委");
            assertThat(parsed.body()).startsWith("今年以来，在县委");
            assertThat(parsed.outline()).extracting(Heading::anchor).containsExactly("s1", "s1-1", "s2", "s3");
            assertThat(parsed.placeholders()).containsExactly(
                    new PlaceholderCount("XX", 1), new PlaceholderCount("某某", 1));
        }

        @Test
        @DisplayName("a document that opens with a salutation gets a made-up title and keeps the salutation")
        void salutationFirst() {
            ParsedMaterial parsed = parser.parse("各位代表、同志们：\n现在，我代表县人民政府向大会报告工作。");
            assertThat(parsed.salutation()).isEqualTo("各位代表、同志们：");
            assertThat(parsed.title()).isEqualTo("现在，我代表县人民政府向大会报告工作");
            assertThat(parsed.body()).isEqualTo("各位代表、同志们：\n现在，我代表县人民政府向大会报告工作。");
        }

        @Test
        @DisplayName("a colon line after the speech has begun is body text, not a salutation")
        void lateColonIsBody() {
            ParsedMaterial parsed = parser.parse("在××座谈会上的讲话\n今天召开座谈会，很有必要。\n下面，我讲三点意见：");
            assertThat(parsed.salutation()).isNull();
            assertThat(parsed.blocks()).hasSize(2);
        }

        @Test
        @DisplayName("\\r\\n, a BOM, full-width indentation and blank lines are normalised without changing punctuation")
        void normalisation() {
            ParsedMaterial parsed = parser.parse("\uFEFF尊敬的各位领导：\r\n\r\n\u3000\u3000大家好！今天(上午)开会，×× 同志主持。\r\n");
            assertThat(parsed.body()).isEqualTo("尊敬的各位领导：\n大家好！今天(上午)开会，×× 同志主持。");
            assertThat(parsed.characters()).isEqualTo(28);
        }
    }

    @Nested
    @DisplayName("notices")
    class Notices {

        private final ParsedMaterial parsed = parser.parse(Fixtures.text("notices-mixed.txt"));

        @Test
        @DisplayName("adverts at the top and bottom and a mid-body WeChat advert are stripped")
        void stripped() {
            assertThat(parsed.strippedNotices()).containsExactly(
                    "关注公众号“某某文稿”获取更多范文",
                    "加群交流，群号：987654321",
                    "欢迎加微信 VX：wenGao2024 获取全套资料",
                    "淘宝店搜索：某某文稿");
            assertThat(parsed.title()).isEqualTo("关于做好2024年度安全生产工作的方案");
        }

        @Test
        @DisplayName("genuine body sentences mentioning 学习, 关注, 微信公众号 or 整理 are never lost")
        void genuineSentencesSurvive() {
            assertThat(parsed.body()).contains(
                    "要认真学习贯彻党的二十大精神，关注群众急难愁盼问题。",
                    "各单位要通过微信公众号等平台广泛宣传安全知识。",
                    "各单位要加强组织领导，认真整理台账资料，按时报送。");
        }

        @Test
        @DisplayName("a genuine sentence in the first line survives too")
        void genuineFirstLine() {
            ParsedMaterial first = parser.parse("要认真学习贯彻党的二十大精神，关注群众急难愁盼问题。\n仅供学习 禁止外传");
            assertThat(first.body()).isEqualTo("要认真学习贯彻党的二十大精神，关注群众急难愁盼问题。");
            assertThat(first.strippedNotices()).containsExactly("仅供学习 禁止外传");
        }

        @Test
        @DisplayName("a heading near the top that mentions 推进群众 or 增加群众 is not mistaken for a group advert")
        void groupWordsInsideOtherWords() {
            ParsedMaterial p = parser.parse("关于基层治理的讲话\n同志们：\n一、注重统筹协调，稳步推进群众参与\n二、增加群众获得感\n今天的会议很重要。");
            assertThat(p.strippedNotices()).isEmpty();
            assertThat(p.outline()).extracting(Heading::heading)
                    .containsExactly("注重统筹协调，稳步推进群众参与", "增加群众获得感");
        }

        @Test
        @DisplayName("text that holds nothing but whitespace and notices is rejected as EMPTY_TEXT")
        void onlyNotices() {
            assertThatThrownBy(() -> parser.parse(Fixtures.text("only-notices.txt")))
                    .isInstanceOfSatisfying(Rejected.class, r -> {
                        assertThat(r.code()).isEqualTo("EMPTY_TEXT");
                        assertThat(r.status()).isEqualTo(422);
                    });
            assertThatThrownBy(() -> parser.parse(" \r\n\u3000 ")).isInstanceOf(Rejected.class);
        }
    }

    @Nested
    @DisplayName("placeholders")
    class PlaceholderForms {

        @Test
        @DisplayName("every placeholder form is counted; X inside Latin words, single 某 and × between digits are not")
        void everyForm() {
            ParsedMaterial parsed = parser.parse("""
                    标题
                    ×县、××镇、×××村，╳╳单位，XX局、XXX办，ＸＸ公司，某某乡、某某某同志。
                    填写__处和＿＿＿处，XXL码、Xbox和某县不算，面积3×4米也不算。
                    """);
            assertThat(parsed.placeholders()).extracting(PlaceholderCount::token).containsExactlyInAnyOrder(
                    "×", "××", "×××", "╳╳", "XX", "XXX", "ＸＸ", "某某", "某某某", "__", "＿＿＿");
            assertThat(parsed.placeholders()).allSatisfy(p -> assertThat(p.count()).isEqualTo(1));
        }

        @Test
        @DisplayName("split gives alternating spans that concatenate back to the text")
        void split() {
            String text = "××县某某同志在XX会上讲话__";
            List<Placeholders.Span> spans = Placeholders.split(text);
            assertThat(spans).containsExactly(
                    new Placeholders.Span("××", PlaceholderMeaning.PLACE, ""), new Placeholders.Span("县"),
                    new Placeholders.Span("某某", PlaceholderMeaning.NAME, ""), new Placeholders.Span("同志在"),
                    new Placeholders.Span("XX", PlaceholderMeaning.OTHER, ""), new Placeholders.Span("会上讲话"),
                    new Placeholders.Span("__", PlaceholderMeaning.OTHER, ""));
            assertThat(String.join("", spans.stream().map(Placeholders.Span::text).toList())).isEqualTo(text);
            assertThat(Placeholders.split("")).isEmpty();
        }
    }
}
