package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The import pipeline on texts as publishers get them: other sites' adverts, web markup, titles, wraps, 公文 elements. */
class ImportCleaningTest {

    private final StructureParser parser = new StructureParser();

    private static final String BODY = """
            同志们：
            今天，我们召开全县经济工作会议，主要任务是总结今年工作，分析当前形势，部署明年任务。刚才，××同志通报了情况，讲得很好，我都同意。
            一、充分肯定成绩，坚定发展信心
            今年以来，全县上下认真学习贯彻党的二十届三中全会精神，关注民生，分享经验，经济运行稳中有进。
            二、聚焦重点任务，推动高质量发展
            （一）抓好项目建设。各乡镇要把项目建设作为头等大事，一是强化要素保障；二是优化审批服务。
            同志们，任务艰巨，责任重大。让我们团结一心，奋力开创全县发展新局面！
            """;

    @Nested
    @DisplayName("another publisher's header and footer")
    class Adverts {

        @Test
        @DisplayName("a reseller's header with the site's name, slogan and groups is stripped, title and salutation found")
        void resellerHeader() {
            ParsedMaterial parsed = parser.parse("""
                    酷乐文行
                    自建平台、实时分享
                    【打击倒卖活动】举报倒卖者，经核实奖励一年会员
                    会员群：123456789   免费QQ群：987654321
                    XX整理，咨询QQ：2735114451
                    在全县经济工作会议上的讲话
                    """ + BODY);

            assertThat(parsed.title()).isEqualTo("在全县经济工作会议上的讲话");
            assertThat(parsed.titleOrigin()).isEqualTo(TitleOrigin.TEXT);
            assertThat(parsed.salutation()).isEqualTo("同志们：");
            assertThat(parsed.strippedNotices()).containsExactly("酷乐文行", "自建平台、实时分享",
                    "【打击倒卖活动】举报倒卖者，经核实奖励一年会员", "会员群：123456789   免费QQ群：987654321",
                    "XX整理，咨询QQ：2735114451");
            assertThat(parsed.strippedLines()).extracting(StrippedLine::rule).doesNotContainNull();
            assertThat(parsed.body()).doesNotContain("酷乐", "QQ", "倒卖", "实时分享");
            assertThat(parsed.outline()).extracting(Heading::number).containsExactly("一、", "二、", "（一）");
        }

        @Test
        @DisplayName("a footer of download notes, takedown notices and an account to follow is stripped")
        void footer() {
            ParsedMaterial parsed = parser.parse("在全县经济工作会议上的讲话\n" + BODY + """
                    ——————————
                    笔杆子文库
                    本文由笔杆子文库整理
                    下载后可编辑
                    如有侵权请联系删除
                    关注公众号：公文素材库
                    """);

            assertThat(parsed.strippedNotices()).containsExactly("笔杆子文库", "本文由笔杆子文库整理", "下载后可编辑",
                    "如有侵权请联系删除", "关注公众号：公文素材库");
            assertThat(parsed.paragraphs().getLast()).startsWith("同志们，任务艰巨");
            assertThat(parsed.body()).doesNotContain("———", "文库", "公众号");
        }

        @Test
        @DisplayName("a notice between the title and the salutation is stripped, the title kept")
        void noticeUnderTitle() {
            ParsedMaterial parsed = parser.parse("""
                    2024年度民主生活会个人对照检查材料
                    【仅供学习参考，严禁倒卖】
                    微信：gongwen2024（备注：材料）
                    """ + BODY);

            assertThat(parsed.title()).isEqualTo("2024年度民主生活会个人对照检查材料");
            assertThat(parsed.strippedNotices()).containsExactly("【仅供学习参考，严禁倒卖】", "微信：gongwen2024（备注：材料）");
            assertThat(parsed.salutation()).isEqualTo("同志们：");
        }

        @Test
        @DisplayName("a block of adverts between two pages in the middle is stripped, the text around it kept")
        void middle() {
            String text = "在全县经济工作会议上的讲话\n" + BODY.replace("二、聚焦重点任务", """
                    ★★★★★★★★
                    更多精品范文，扫码进群
                    加群交流，群号：556677889
                    二、聚焦重点任务""");

            ParsedMaterial parsed = parser.parse(text);

            assertThat(parsed.strippedNotices()).contains("更多精品范文，扫码进群", "加群交流，群号：556677889");
            assertThat(parsed.outline()).extracting(Heading::number).containsExactly("一、", "二、", "（一）");
        }

        @Test
        @DisplayName("a title that names a reselling offence and body text about learning and sharing are kept")
        void ownWordsKept() {
            ParsedMaterial parsed = parser.parse("""
                    关于严厉打击倒卖车票违法行为的通知
                    各乡镇人民政府，县政府各部门：
                    为维护旅客合法权益，现就严厉打击倒卖车票违法行为有关事项通知如下。请各单位加强学习，关注群众诉求，及时分享工作经验。
                    县人民政府
                    2024年1月5日
                    """);

            assertThat(parsed.title()).isEqualTo("关于严厉打击倒卖车票违法行为的通知");
            assertThat(parsed.strippedLines()).isEmpty();
            assertThat(parsed.elements().recipients()).isEqualTo("各乡镇人民政府，县政府各部门");
            assertThat(parsed.elements().issuer()).isEqualTo("县人民政府");
            assertThat(parsed.elements().issuedOn()).isEqualTo(LocalDate.of(2024, 1, 5));
        }

        @Test
        @DisplayName("lines the editor puts back are kept, whatever rule matches them")
        void restored() {
            String text = "在全县经济工作会议上的讲话\n本文仅供学习参考\n" + BODY;
            assertThat(parser.parse(text).strippedNotices()).containsExactly("本文仅供学习参考");

            ParsedMaterial kept = parser.parse(text, new ImportContext(null, List.of("本文仅供学习参考")));

            assertThat(kept.strippedNotices()).isEmpty();
            assertThat(kept.paragraphs()).contains("本文仅供学习参考");
        }
    }

    @Nested
    @DisplayName("a government web page")
    class WebPage {

        @Test
        @DisplayName("the breadcrumb, metadata table, toolbar and footer go; the 发文字号 and 成文日期 are kept as elements")
        void statecouncilPage() {
            ParsedMaterial parsed = parser.parse("""
                    首页 > 政策 > 国务院文件
                    【字体：大 中 小】 打印本页 关闭窗口
                    索引号：000014349/2019-00006
                    主题分类：教育\\学前教育
                    发文机关：国务院办公厅
                    成文日期：2019年01月09日
                    标题：国务院办公厅关于开展城镇小区配套幼儿园治理工作的通知
                    发文字号：国办发〔2019〕3号
                    发布日期：2019年01月22日
                    国务院办公厅关于开展城镇小区配套幼儿园治理工作的通知
                    各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
                    城镇小区配套幼儿园是城市公共服务设施建设的重要内容，是增加普惠性学前教育资源的重要途径。经国务院同意，现就开展城镇小区配套幼儿园治理工作通知如下。
                    一、总体要求
                    以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大精神，着力解决城镇小区配套幼儿园规划、建设、移交、办园等方面存在的问题。
                    国务院办公厅
                    2019年1月9日
                    （此件公开发布）
                    【我要纠错】 责任编辑：张三
                    扫一扫在手机打开当前页
                    分享到：微信 微博 QQ空间
                    主办单位：国务院办公厅 运行维护单位：中国政府网运行中心
                    版权所有：中国政府网 京ICP备05070218号 京公网安备11010202000001号
                    """);

            assertThat(parsed.title()).isEqualTo("国务院办公厅关于开展城镇小区配套幼儿园治理工作的通知");
            assertThat(parsed.strippedLines()).hasSize(14);
            assertThat(parsed.elements().documentNumber()).isEqualTo("国办发〔2019〕3号");
            assertThat(parsed.elements().issuedOn()).isEqualTo(LocalDate.of(2019, 1, 9));
            assertThat(parsed.elements().issuer()).isEqualTo("国务院办公厅");
            assertThat(parsed.paragraphs().getLast()).isEqualTo("（此件公开发布）");
            assertThat(parsed.body()).doesNotContain("索引号", "纠错", "ICP", "分享", "打印");
        }
    }

    @Nested
    @DisplayName("markup and page furniture")
    class Markup {

        @Test
        @DisplayName("HTML tags and entities are removed from the title and the text")
        void html() {
            ParsedMaterial parsed = parser.parse("""
                    <center>关于做好2024年春节期间安全生产工作的通知</center>
                    <p>各乡镇、各部门：</p>
                    <p>&nbsp;&nbsp;为切实做好&ldquo;两节&rdquo;期间安全生产工作，确保人民群众过一个欢乐祥和的节日，现将有关事项通知如下。</p>
                    """);

            assertThat(parsed.title()).isEqualTo("关于做好2024年春节期间安全生产工作的通知");
            assertThat(parsed.salutation()).isEqualTo("各乡镇、各部门：");
            assertThat(parsed.paragraphs()).containsExactly("为切实做好“两节”期间安全生产工作，确保人民群众过一个欢乐祥和的节日，现将有关事项通知如下。");
        }

        @Test
        @DisplayName("a Markdown table of contents is stripped and the title under it found")
        void contents() {
            ParsedMaterial parsed = parser.parse("""
                    ### 目录
                    一、主要工作
                    二、存在问题
                    # 2024年度乡村振兴工作总结
                    今年以来，我镇坚持把乡村振兴作为“三农”工作的总抓手，各项工作取得明显成效。现将有关情况总结如下。
                    一、主要工作
                    全年新建高标准农田××亩，村集体经济收入全部超过××万元。
                    二、存在问题
                    产业带动能力还不强。
                    """);

            assertThat(parsed.title()).isEqualTo("2024年度乡村振兴工作总结");
            assertThat(parsed.strippedNotices()).containsExactly("目录", "一、主要工作", "二、存在问题");
            assertThat(parsed.outline()).extracting(Heading::text).containsExactly("一、主要工作", "二、存在问题");
        }

        @Test
        @DisplayName("page numbers and a running head are stripped from a paged text, and wrapped lines joined")
        void pages() {
            String page = """
                    XX县人民政府办公室文件
                    今年以来，县政府办公室在县委、县政府的坚强领导下，认真贯彻落实上级决策部署，
                    紧紧围绕中心工作，统筹推进各项任务落实，较好地完成了全年目标任务，为全县经济社
                    会高质量发展提供了有力保障。一是强化统筹协调，二是强化督查督办，三是强化服务保
                    障，各项工作都取得了新的进展，得到了县委、县政府主要领导的充分肯定和广泛好评。
                    — %d —
                    """;
            String text = "2024年县政府办公室工作总结\n" + page.formatted(1) + "\f" + page.formatted(2) + "\f" + page.formatted(3);

            ParsedMaterial parsed = parser.parse(text);

            assertThat(parsed.title()).isEqualTo("2024年县政府办公室工作总结");
            assertThat(parsed.strippedNotices()).contains("— 1 —", "— 2 —", "— 3 —", "XX县人民政府办公室文件");
            assertThat(parsed.paragraphs()).hasSize(3).allMatch(p -> p.startsWith("今年以来") && p.contains("经济社会高质量发展")
                    && p.endsWith("广泛好评。"));
        }

        @Test
        @DisplayName("a text with one paragraph per line is not joined, even with long unpunctuated headings")
        void notWrapped() {
            ParsedMaterial parsed = parser.parse("在全县经济工作会议上的讲话\n" + BODY);

            assertThat(parsed.blocks()).hasSize(7);
        }
    }

    @Nested
    @DisplayName("titles")
    class Titles {

        @Test
        @DisplayName("without a title line, the file's name gives the title, without extension, date or number")
        void fromFileName() {
            String text = "鲁迅先生说：“时间就像海绵里的水，只要愿挤，总还是有的。”作为一名基层干部，我深有体会。\n一、关于学习\n学习是立身之本。";

            assertThat(parser.parse(text, new ImportContext("2024-03-01_青年干部读书心得体会.docx", List.of())).title())
                    .isEqualTo("青年干部读书心得体会");
            assertThat(parser.parse(text, new ImportContext("07.青年干部读书心得体会(1).txt", List.of())).title())
                    .isEqualTo("青年干部读书心得体会");
            ParsedMaterial none = parser.parse(text, new ImportContext("新建 Microsoft Word 文档.docx", List.of()));
            assertThat(none.titleOrigin()).isEqualTo(TitleOrigin.NONE);
            assertThat(parser.parse(text).titleOrigin()).isEqualTo(TitleOrigin.NONE);
        }

        @Test
        @DisplayName("a date, a category label or a speaker line above or under the title is not the title")
        void linesAroundTheTitle() {
            ParsedMaterial speech = parser.parse("""
                    讲话稿
                    在全市安全生产工作会议上的讲话
                    （2024年3月15日）
                    市长 ×××
                    同志们：
                    今天召开全市安全生产工作会议，主要任务是总结去年工作，部署今年任务。
                    """);
            assertThat(speech.title()).isEqualTo("在全市安全生产工作会议上的讲话");
            assertThat(speech.salutation()).isEqualTo("同志们：");
            assertThat(speech.paragraphs()).startsWith("讲话稿", "（2024年3月15日）", "市长 ×××");

            String kept = "本文由××文稿整理 仅供学习\n在全县经济工作会议上的讲话\n" + BODY;
            ParsedMaterial restored = parser.parse(kept, new ImportContext(null, List.of("本文由××文稿整理 仅供学习")));
            assertThat(restored.title()).isEqualTo("在全县经济工作会议上的讲话");
            assertThat(restored.paragraphs().getFirst()).isEqualTo("本文由××文稿整理 仅供学习");

            ParsedMaterial dated = parser.parse("2024年12月\n2024年度个人述职报告\n今年以来，本人认真履行岗位职责，较好地完成了各项工作任务。");
            assertThat(dated.title()).isEqualTo("2024年度个人述职报告");
        }

        @Test
        @DisplayName("a title wrapped over two lines is read as one, and a subtitle is kept apart")
        void twoLines() {
            ParsedMaterial parsed = parser.parse("""
                    县人民政府
                    关于2024年度法治政府建设情况的报告
                    ——在县十八届人大常委会第××次会议上
                    县长 ×××
                    主任、各位副主任、秘书长，各位委员：
                    受县人民政府委托，现将我县2024年度法治政府建设情况报告如下，请予审议。
                    """);

            assertThat(parsed.title()).isEqualTo("县人民政府关于2024年度法治政府建设情况的报告");
            assertThat(parsed.paragraphs().getFirst()).isEqualTo("——在县十八届人大常委会第××次会议上");

            ParsedMaterial three = parser.parse("淮安市洪泽区人民政府\n2024 年政府信息公开\n工作年度报告\n"
                    + "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》要求编制。");
            assertThat(three.title()).isEqualTo("淮安市洪泽区人民政府2024年政府信息公开工作年度报告");
            assertThat(three.paragraphs()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("公文 elements")
    class Elements {

        @Test
        @DisplayName("发文字号, 主送机关, 附件说明 and a 落款 dated in Chinese numerals are read")
        void notice() {
            ParsedMaterial parsed = parser.parse("""
                    ××县人民政府办公室关于印发《××县防汛抗旱应急预案》的通知
                    ×政办发〔2024〕12号
                    各乡镇人民政府，县政府各部门：
                    《××县防汛抗旱应急预案》已经县政府同意，现印发给你们，请认真贯彻执行。
                    附件：1．××县防汛抗旱应急预案
                    2．××县防汛抗旱指挥部成员名单
                    ××县人民政府办公室
                    二〇二四年三月二十一日
                    （此件公开发布）
                    """);

            OfficialElements e = parsed.elements();
            assertThat(e.documentNumber()).isEqualTo("×政办发〔2024〕12号");
            assertThat(e.recipients()).isEqualTo("各乡镇人民政府，县政府各部门");
            assertThat(e.attachments()).containsExactly("××县防汛抗旱应急预案", "××县防汛抗旱指挥部成员名单");
            assertThat(e.issuer()).isEqualTo("××县人民政府办公室");
            assertThat(e.issuedOn()).isEqualTo(LocalDate.of(2024, 3, 21));
            assertThat(parsed.outline()).isEmpty(); // the attachment list's numbers are not headings
            assertThat(parsed.blocks()).filteredOn(b -> b instanceof Paragraph p && p.role() == Paragraph.Role.SIGNATURE)
                    .extracting(Block::text).containsExactly("××县人民政府办公室", "二〇二四年三月二十一日", "（此件公开发布）");
            assertThat(parsed.body()).endsWith("××县人民政府办公室\n二〇二四年三月二十一日\n（此件公开发布）");
        }

        @Test
        @DisplayName("dates in Chinese and full-width numerals are read, impossible dates are not")
        void dates() {
            assertThat(OfficialElementsReader.date("二〇一九年一月一日")).isEqualTo(LocalDate.of(2019, 1, 1));
            assertThat(OfficialElementsReader.date("二○二四年十二月三十一日")).isEqualTo(LocalDate.of(2024, 12, 31));
            assertThat(OfficialElementsReader.date("２０２０年２月２９日")).isEqualTo(LocalDate.of(2020, 2, 29));
            assertThat(OfficialElementsReader.date("2019年2月30日")).isNull();
            assertThat(OfficialElementsReader.isDate("2024年11月 21日")).isTrue();
            assertThat(OfficialElementsReader.isDate("2024年是全面贯彻落实党的二十大精神的关键之年")).isFalse();
        }
    }
}
