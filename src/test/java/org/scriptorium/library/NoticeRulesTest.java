package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reviewed built-in notice rules ({@code library/notice-rules.tsv}): each matches its examples, none matches what
 * documents say, and on the 21 real documents of {@code src/test/resources/corpus/real} (a copy of {@code ../shared/corpus/real}) they match exactly the reviewed lines.
 */
class NoticeRulesTest {

    private static final Path REAL = Path.of("src/test/resources/corpus/real");
    private static final String RULES = "/library/notice-rules.tsv";
    /** The TSV's limit: a longer line is never stripped, whatever rule matches it. */
    private static final int MAX_STRIPPED_LINE = 120;

    /**
     * Every line of the real documents a built-in rule matches, reviewed: {@code chrome} is not the document's own
     * text (the web page's toolbar, 来源/时间 lines, a photo caption, a PDF's page numbers), {@code body} is, and may be
     * matched only by an EDGE rule on a line too long to be stripped. Line numbers count from 1 in the raw file.
     */
    private static final String REVIEWED = """
            B01 1-8 web-toolbar chrome
            B01 9 web-punctuation chrome
            B01 12 web-meta chrome
            B01 13 web-date chrome
            B01 15 web-caption chrome
            B01 69 ad-contact body
            B03 16,98 ad-contact body
            B04 1-8 web-toolbar chrome
            B04 9 web-punctuation chrome
            B04 12 web-meta chrome
            B04 13 web-date chrome
            B06 1-8 web-toolbar chrome
            B06 9 web-punctuation chrome
            B06 12 web-meta chrome
            B06 13 web-date chrome
            B06 50 ad-contact body
            B08 1-8 web-toolbar chrome
            B08 9 web-punctuation chrome
            B08 12 web-meta chrome
            B08 13 web-date chrome
            D01 25 ad-promotion body
            G01 22,49,102,373,672,688 page-number chrome
            G03 25,71,266,459,469 page-number chrome
            """;

    /** Lines a document may well contain near each rule's words, which the rule must leave alone. */
    private static final Map<String, List<String>> NOT_NOTICES = Map.ofEntries(
            Map.entry("web-toolbar", List.of("打印机采购管理办法", "大中小学思政课一体化建设", "下载安装国家反诈中心APP。")),
            Map.entry("web-punctuation", List.of("【一】", "——2026年1月25日在北京市第十六届人民代表大会第四次会议上")),
            Map.entry("web-meta", List.of("来源广泛、代表性强的人大代表", "编辑出版《工作手册》", "作者简介见附件")),
            Map.entry("web-date", List.of("时间紧、任务重、要求高", "日期以通知为准。")),
            Map.entry("web-editor", List.of("编辑部全体同志", "审核把关要严格。")),
            Map.entry("web-caption", List.of("图片要清晰。", "把摄影展办好", "力图为民服务")),
            Map.entry("web-navigation", List.of("首页负责制", "相关部门要加强协作。", "首页和栏目页要及时更新。", "推荐阅读书目由宣传部确定。")),
            Map.entry("web-footer", List.of("主办单位要落实安全责任。", "联系我们的群众", "技术支持单位名单")),
            Map.entry("contact-qq", List.of("开通12345热线", "QQ群里发布的通知要及时核实。", "增加群众收入20000元以上。", "带动促进群众就业10000余人。")),
            Map.entry("contact-wechat", List.of("通过微信公众号发布信息", "用微信扫码缴费", "微信群 2 个", "开通政务微信WeChat公众平台")),
            Map.entry("contact-shop", List.of("支持淘宝、京东等平台企业发展", "加强对网店的监管", "全县新开淘宝店300余家，天猫店铺12家。", "加快建设微店搜索平台")),
            Map.entry("ad-contact", List.of("关注群众反映的问题", "增加群众收入", "促进群众就业")),
            Map.entry("ad-copyright", List.of("加强知识产权保护", "学习参考资料", "禁止在公共场所吸烟。", "明确作品版权归属")),
            Map.entry("ad-download", List.of("下载安装", "可编辑的表格模板", "下载量")),
            Map.entry("ad-promotion", List.of("更新观念", "整理档案资料。", "建设素材", "文化馆、图书馆")),
            Map.entry("page-number", List.of("1992年", "第一页", "2-3个", "-2℃")));

    private static List<NoticeRule> rules;
    private static Map<String, Pattern> compiled;

    @BeforeAll
    static void load() {
        rules = NoticeRuleBook.load(RULES);
        compiled = rules.stream().collect(Collectors.toMap(NoticeRule::id, NoticeRule::compiled));
    }

    private static boolean matches(NoticeRule rule, String line) {
        return compiled.get(rule.id()).matcher(line).find();
    }

    @Test
    @DisplayName("every built-in rule has examples and matches each of them")
    void examples() {
        List<List<String>> examples = NoticeRuleBook.examples(RULES);
        assertThat(examples).hasSameSizeAs(rules);
        for (int i = 0; i < rules.size(); i++) {
            NoticeRule rule = rules.get(i);
            assertThat(examples.get(i)).as(rule.id() + " has examples").isNotEmpty();
            for (String example : examples.get(i)) {
                assertThat(matches(rule, example)).as("%s matches «%s»", rule.id(), example).isTrue();
            }
        }
    }

    @Test
    @DisplayName("the built-in rules have distinct ids, none like an operator's, and are the rule book's")
    void ids() {
        assertThat(rules).extracting(NoticeRule::id).doesNotHaveDuplicates()
                .noneMatch(id -> id.startsWith(NoticeRuleBook.OPERATOR_PREFIX));
        assertThat(rules).allMatch(NoticeRule::builtIn).allMatch(NoticeRule::regex);
        assertThat(NoticeRuleBook.builtIn()).isEqualTo(rules);
    }

    @Test
    @DisplayName("each built-in rule leaves alone lines a document may well contain near its words")
    void notNotices() {
        assertThat(NOT_NOTICES.keySet()).as("every rule has lines it must leave alone")
                .containsExactlyInAnyOrderElementsOf(rules.stream().map(NoticeRule::id).toList());
        for (NoticeRule rule : rules) {
            for (String line : NOT_NOTICES.get(rule.id())) {
                assertThat(matches(rule, line)).as("%s leaves «%s» alone", rule.id(), line).isFalse();
            }
        }
    }

    @Test
    @DisplayName("in the demo materials the built-in rules match their two notice lines, a frame, and nothing else")
    void demoMaterials() {
        TreeSet<String> hits = new TreeSet<>();
        for (String row : resource("/demo/materials.tsv").lines().skip(1).filter(l -> !l.isBlank()).toList()) {
            for (String line : TextLines.of(resource("/demo/" + row.split("\t")[0]))) {
                rules.stream().filter(r -> matches(r, line)).forEach(r -> hits.add(line));
            }
        }
        assertThat(hits).containsExactlyInAnyOrder("本资料由××文稿整理 仅供学习 禁止外传", "-".repeat(30),
                "更多范文请关注公众号“某某文稿”，咨询QQ：12345678");
    }

    @Test
    @DisplayName("every built-in rule searches every line of the real documents within the backtracking budget")
    void withinBudget() throws IOException {
        for (Path file : realFiles()) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                for (NoticeRule rule : rules) {
                    BudgetedText.find(compiled.get(rule.id()), line.strip()); // throws if over the budget
                }
            }
        }
        for (NoticeRule rule : rules) {
            for (String probe : NoticeRuleCheck.probes(rule.pattern())) {
                BudgetedText.find(compiled.get(rule.id()), probe);
            }
        }
    }

    @Test
    @DisplayName("on the 21 real documents the built-in rules match exactly the reviewed lines: no ANYWHERE rule a line "
            + "of the document's own text, an EDGE rule only lines too long to strip")
    void realDocuments() throws IOException {
        List<Path> files = realFiles();
        TreeSet<String> found = new TreeSet<>();
        List<String> edgeOnBody = new ArrayList<>();
        Map<String, String> reviewed = reviewed();
        for (Path file : files) {
            String name = file.getFileName().toString().substring(0, 3);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                for (NoticeRule rule : rules) {
                    if (line.isEmpty() || !matches(rule, line)) {
                        continue;
                    }
                    String key = name + ":" + (i + 1) + " " + rule.id();
                    found.add(key);
                    if ("body".equals(reviewed.get(key))) {
                        assertThat(rule.scope()).as("an ANYWHERE rule strips the document's own text: " + key + " «"
                                + line + "»").isEqualTo(NoticeRule.Scope.EDGE);
                        assertThat(line.length()).as("a body line an EDGE rule matches is too long to strip: " + key)
                                .isGreaterThan(MAX_STRIPPED_LINE);
                        edgeOnBody.add(key + " «" + line.substring(0, 60) + "…» (" + line.length() + " characters)");
                    }
                }
            }
        }
        edgeOnBody.forEach(hit -> System.out.println("EDGE rule on a body line (kept by the length limit): " + hit));
        assertThat(found).as("the lines the built-in rules match (update REVIEWED after reviewing a change)")
                .containsExactlyElementsOf(new TreeSet<>(reviewed.keySet()));
    }

    private static List<Path> realFiles() throws IOException {
        try (Stream<Path> list = Files.list(REAL)) {
            List<Path> files = list.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
            assertThat(files).as("the real documents of " + REAL).hasSize(21);
            return files;
        }
    }

    /** {@link #REVIEWED} as "file:line rule" → chrome or body. */
    private static Map<String, String> reviewed() {
        Map<String, String> hits = new java.util.HashMap<>();
        for (String row : REVIEWED.strip().split("\n")) {
            String[] f = row.strip().split(" ");
            for (String part : f[1].split(",")) {
                String[] range = part.split("-");
                int from = Integer.parseInt(range[0]);
                int to = Integer.parseInt(range[range.length - 1]);
                for (int n = from; n <= to; n++) {
                    hits.put(f[0] + ":" + n + " " + f[2], f[3]);
                }
            }
        }
        return hits;
    }

    private static String resource(String path) {
        try (var in = NoticeRulesTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
