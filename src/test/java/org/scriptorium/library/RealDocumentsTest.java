package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The import pipeline on the real public-domain documents of {@code src/test/resources/corpus/real} (a copy of
 * {@code ../shared/corpus/real} with its manifest): each gets the title the manifest names, keeps every line of its
 * own text, and loses its page chrome, markup, page numbers and hard wraps.
 */
class RealDocumentsTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus/real");

    record Document(String file, String title, String text) {
        @Override
        public String toString() {
            return file;
        }
    }

    static List<Document> documents() {
        try {
            List<Document> docs = new ArrayList<>();
            for (String row : Files.readAllLines(CORPUS.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8).subList(1, 22)) {
                String[] f = row.split("\t");
                docs.add(new Document(f[0], f[2], Files.readString(CORPUS.resolve(f[0]))));
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final StructureParser parser = new StructureParser();

    private ParsedMaterial parse(Document doc) {
        return parser.parse(doc.text(), new ImportContext(doc.file(), List.of()));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void getsTheTitleTheManifestNamesFromTheText(Document doc) {
        ParsedMaterial parsed = parse(doc);

        assertThat(parsed.title()).contains(doc.title());
        assertThat(parsed.titleOrigin()).isEqualTo(TitleOrigin.TEXT);
        // the text has the title: pasted without a file name, it is found all the same
        assertThat(parser.parse(doc.text()).title()).contains(doc.title());
    }

    /** Lines that are page chrome or page furniture in these sources; anything else stripped would be the document's. */
    private static final Pattern CHROME = Pattern.compile(
            "^(?:下载|打印|全屏|收藏|【字号：|加大|还原|减小|】|来源：\\S+|时间：[0-9-]+|.*记者 \\S+摄|-[0-9]-)$");

    private static final String SPACE_BY_HAN = "(?<=\\p{IsHan}|[，。、；：“”（）《》])[ ](?=[0-9A-Za-z%])"
            + "|(?<=[0-9A-Za-z%])[ ](?=\\p{IsHan}|[，。、；：“”（）《》])";

    @ParameterizedTest
    @MethodSource("documents")
    void stripsOnlyPageChromeAndPageNumbersNeverTheDocumentsOwnLines(Document doc) {
        ParsedMaterial parsed = parse(doc);

        assertThat(parsed.strippedNotices()).allSatisfy(line -> assertThat(line).matches(CHROME));
        if (doc.file().startsWith("A") || doc.file().startsWith("D") || doc.file().startsWith("E")) {
            assertThat(parsed.strippedNotices()).isEmpty();
        }
        // every line of the source that is not chrome is still in the body (hard-wrapped ones joined)
        String body = parsed.body().replace("\n", "");
        boolean pdf = doc.file().startsWith("G");
        List<String> missing = new ArrayList<>();
        for (String line : TextLines.of(doc.text().replace('\f', '\n'))) {
            // pdftotext's spaces between Chinese and numbers are removed from a PDF's text
            String own = pdf ? line.replaceAll(SPACE_BY_HAN, "") : line;
            if (!CHROME.matcher(line).matches() && !body.contains(own)) {
                missing.add(own);
            }
        }
        assertThat(missing).as("lines of %s missing from its body", doc.file()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("documents")
    void leavesNoToolbarMarkupOrPageNumberInTheTitleOrText(Document doc) {
        ParsedMaterial parsed = parse(doc);

        assertThat(parsed.title()).doesNotContain("下载", "<", "&", "#");
        assertThat(parsed.paragraphs()).noneMatch(p -> p.matches("^(?:下载|打印|全屏|收藏|加大|还原|减小|】|【字号：|-[0-9]+-)$"));
        assertThat(parsed.body()).doesNotContain("<center>", "&nbsp;", "###");
    }

    @Test
    void joinsTheHardWrappedLinesOfPdfExtractedReports() {
        for (Document doc : documents().stream().filter(d -> d.file().startsWith("G")).toList()) {
            ParsedMaterial parsed = parse(doc);

            assertThat(parsed.paragraphs()).as(doc.file()).anyMatch(p -> p.contains("《中华人民共和国政府信息公开条例》"));
            assertThat(parsed.paragraphs()).as(doc.file())
                    .anyMatch(p -> p.startsWith("本报告由") && p.contains("统计期限") || p.startsWith("本报告由") && p.contains("编制"));
            assertThat(parsed.outline()).as(doc.file()).extracting(Heading::number).contains("一、", "（一）", "二、");
            long wideRaw = TextLines.of(doc.text()).stream().filter(l -> HardWraps.width(l) >= 50).count();
            long wideParagraphs = parsed.paragraphs().stream().filter(l -> HardWraps.width(l) >= 50).count();
            assertThat(wideParagraphs).as(doc.file()).isLessThan(wideRaw / 3);
            assertThat(String.join("\n", parsed.paragraphs())).as(doc.file()).doesNotContain("共和\n国", "2024 年");
        }
    }

    @Test
    void theRowsOfAFlattenedTableAreNotHeadings() {
        for (Document doc : documents().stream().filter(d -> d.file().startsWith("G")).toList()) {
            ParsedMaterial parsed = parse(doc);

            assertThat(parsed.outline()).as(doc.file()).filteredOn(h -> h.level() == 1).extracting(Heading::number)
                    .containsExactly("一、", "二、", "三、", "四、", "五、", "六、");
            assertThat(parsed.outline()).as(doc.file()).allMatch(h -> h.heading().length() >= 2, "headings of two characters or more");
            assertThat(parsed.outline()).as(doc.file()).extracting(Heading::heading).doesNotContain("属于国家秘密", "重复申请");
        }
    }

    record Notice(String file, String number, String issuer, LocalDate issuedOn) {
    }

    @Test
    void readsTheElementsOfTheStateCouncilNotices() {
        List<Notice> expected = List.of(
                new Notice("D01", "国发〔2019〕4号", "国务院", LocalDate.of(2019, 1, 24)),
                new Notice("D02", "国办发〔2018〕128号", "国务院办公厅", LocalDate.of(2018, 12, 29)),
                new Notice("D04", "国办函〔2018〕71号", "国务院办公厅", LocalDate.of(2018, 10, 27)),
                new Notice("D05", "国发〔2019〕5号", "国务院", LocalDate.of(2019, 1, 27)),
                new Notice("D06", "国办发明电〔2018〕15号", "国务院办公厅", LocalDate.of(2018, 12, 4)),
                new Notice("D08", "国办发〔2019〕3号", "国务院办公厅", LocalDate.of(2019, 1, 9)));
        for (Notice notice : expected) {
            Document doc = documents().stream().filter(d -> d.file().startsWith(notice.file())).findFirst().orElseThrow();
            ParsedMaterial parsed = parse(doc);
            OfficialElements e = parsed.elements();

            assertThat(e.documentNumber()).as(doc.file()).isEqualTo(notice.number());
            assertThat(e.issuer()).as(doc.file()).isEqualTo(notice.issuer());
            assertThat(e.issuedOn()).as(doc.file()).isEqualTo(notice.issuedOn());
            assertThat(e.recipients()).as(doc.file()).isEqualTo("各省、自治区、直辖市人民政府，国务院各部委、各直属机构");
            assertThat(parsed.salutation()).as(doc.file()).isEqualTo(e.recipients() + "：");
            // the 落款 stays where it stands in the text, marked as such, not in the flow of body paragraphs
            assertThat(parsed.blocks()).as(doc.file()).anyMatch(b -> b instanceof Paragraph p
                    && p.role() == Paragraph.Role.SIGNATURE && p.text().equals(notice.issuer()));
        }
    }

    @Test
    void readsTheRecipientsAttachmentsAndDatesOfTheShanghaiNotices() {
        ParsedMaterial e01 = parse(documents().stream().filter(d -> d.file().startsWith("E01")).findFirst().orElseThrow());
        assertThat(e01.elements().recipients()).isEqualTo("各相关部门、单位");
        assertThat(e01.elements().issuer()).isEqualTo("上海市交通委员会");
        assertThat(e01.elements().issuedOn()).isEqualTo(LocalDate.of(2024, 11, 21));

        ParsedMaterial e03 = parse(documents().stream().filter(d -> d.file().startsWith("E03")).findFirst().orElseThrow());
        assertThat(e03.elements().issuedOn()).isEqualTo(LocalDate.of(2021, 9, 9));
        assertThat(e03.elements().attachments()).containsExactly("2021年崇明区级城市体检指标体系");
    }

    @Test
    void keepsASubtitleApartFromTheTitleAndJoinsItsWrappedLine() {
        ParsedMaterial b03 = parse(documents().stream().filter(d -> d.file().startsWith("B03")).findFirst().orElseThrow());

        assertThat(b03.title()).isEqualTo("政府工作报告");
        assertThat(b03.paragraphs().getFirst()).isEqualTo("——2026年1月26日在广东省第十四届人民代表大会第五次会议上");
        assertThat(b03.salutation()).isEqualTo("各位代表：");
    }

    @Test
    void aTextWithoutItsTitleLineTakesTheTitleFromTheFileName() {
        Document d06 = documents().stream().filter(d -> d.file().startsWith("D06")).findFirst().orElseThrow();
        String withoutTitle = d06.text().substring(d06.text().indexOf("国办发明电"));

        ParsedMaterial parsed = parser.parse(withoutTitle, new ImportContext(d06.file(), List.of()));

        assertThat(parsed.title()).isEqualTo("国务院办公厅关于2019年部分节假日安排的通知");
        assertThat(parsed.titleOrigin()).isEqualTo(TitleOrigin.FILE_NAME);
    }
}
