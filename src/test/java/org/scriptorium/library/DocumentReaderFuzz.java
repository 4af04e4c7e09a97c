package org.scriptorium.library;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.scriptorium.support.fuzz.FuzzTarget;
import org.scriptorium.support.fuzz.HostileFiles;
import org.scriptorium.support.fuzz.Rejections;
import org.scriptorium.support.fuzz.Seeds;

/**
 * Fuzzes {@link DocumentReader} (and through it {@link TextDecoding}, {@link MarkdownText},
 * {@link DocxText}, {@link WordFiles}, {@link DocText}, {@link HtmlText} and {@link PdfText}). The first
 * byte of an input chooses what the rest is: a .txt, a .md, a .docx as bytes, the {@code word/document.xml}
 * of a .docx that is packaged here (so mutations reach POI's XML handling instead of stopping at a broken
 * zip checksum), a .doc, a .wps, a .pdf, or the body of a web page saved as .doc. The .doc seeds are
 * Apache POI's test files when the checkout has them (see {@link FormatFiles}).
 */
public final class DocumentReaderFuzz implements FuzzTarget {

    /** What {@link DocumentReader#read} documents it throws, all as {@code Rejected}. */
    public static final Set<String> DOCUMENTED = Set.of("FILE_TOO_LARGE", "UNSUPPORTED_FORMAT", "EMPTY_TEXT", "UNREADABLE_TEXT",
            "ENCRYPTED_DOCX", "MALFORMED_DOCX", "DOCX_TOO_LARGE_EXPANDED", "ENCRYPTED_DOC", "MALFORMED_DOC", "UNSUPPORTED_WPS",
            "ENCRYPTED_PDF", "MALFORMED_PDF", "PDF_TOO_LARGE_EXPANDED", "PDF_NO_TEXT");
    /** POI's test files used as .doc and .wps seeds when present: small, with tables, fields, notes and a text box. */
    private static final List<String> DOC_SEEDS = List.of("simple-table.doc", "test-fields.doc", "TestChineseProperties.doc",
            "innertable.doc", "Word95.doc", "PasswordProtected.doc");

    private static final byte TXT = 0;
    private static final byte MD = 1;
    private static final byte DOCX = 2;
    private static final byte DOCUMENT_XML = 3;
    private static final byte DOC = 4;
    private static final byte WPS = 5;
    private static final byte PDF = 6;
    private static final byte HTML_DOC = 7;
    private static final int KINDS = 8;

    private final DocumentReader reader = new DocumentReader(20L * 1024 * 1024);

    @Override
    public String name() {
        return "document-reader";
    }

    @Override
    public List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        List<String> texts = Seeds.texts(3_000);
        for (String text : texts) {
            seeds.add(as(TXT, Seeds.utf8(text)));
        }
        for (byte[] encoded : Seeds.encodings(Seeds.speech())) {
            seeds.add(as(TXT, encoded));
        }
        seeds.add(as(MD, Seeds.utf8("""
                # 标题 #
                > 引用 **加粗** *强调* `代码` [链接](http://example.com) ![图](a.png) <b>标签</b> \\*转义\\*
                - [x] 事项一
                * 事项二
                1. 第一条
                | 表头 | 表头 |
                | --- | :---: |
                | 单元 | 单元 |
                ```java
                代码块
                ```
                ---
                __月__日
                """)));
        seeds.add(as(MD, Seeds.utf8(Seeds.speech())));
        seeds.add(as(DOCX, Seeds.docx(Seeds.speech())));
        seeds.add(as(DOCX, Seeds.docx(texts.get(1))));
        seeds.add(as(DOCUMENT_XML, Seeds.documentXml(Seeds.speech())));
        seeds.add(as(DOCUMENT_XML, Seeds.documentXml(texts.get(0))));
        for (String name : DOC_SEEDS) {
            FormatFiles.poi(name).ifPresent(doc -> seeds.add(as(DOC, doc)));
        }
        FormatFiles.poi("simple.doc").or(() -> FormatFiles.poi("simple-table.doc")).ifPresent(doc -> seeds.add(as(WPS, doc)));
        seeds.add(as(DOC, Seeds.docx(Seeds.speech())));
        seeds.add(as(WPS, Seeds.docx(texts.get(1))));
        seeds.add(as(DOC, Seeds.utf8("{\\rtf1\\ansi 正文}")));
        seeds.add(as(PDF, Seeds.plainPdf("Speech at the county meeting on work safety\nComrades: first, raise awareness.")));
        seeds.add(as(PDF, FormatFiles.pdf(List.of(
                List.of("在全市安全生产工作会议上的讲话", "同志们：", "-1-"), List.of("一、充分认识做好安全生产工作的重要意义", "-2-")))));
        seeds.add(as(HTML_DOC, Seeds.utf8("""
                <meta charset=utf-8><title>标题</title><style>p{}</style><script>x="<p>"</script><!-- 注释 -->
                <p class=MsoNormal>在全市安全生产工作会议上的讲话<o:p></o:p></p><p>同志们：&ldquo;一&rdquo;&#x4E8C;&#19977;&amp;</p>
                <table><tr><td>项目</td><td>数量</td></tr></table><pre>  保留  空格 </pre><br/>""")));
        return seeds;
    }

    @Override
    public List<byte[]> hostile() {
        List<byte[]> hostile = new ArrayList<>(HostileFiles.docx().values().stream().map(file -> as(DOCX, file)).toList());
        hostile.add(as(DOC, HostileFiles.docx().get("zip bomb: document.xml of 200 MB of spaces")));
        hostile.add(as(WPS, HostileFiles.docx().get("XML nested 100,000 elements deep")));
        HostileFiles.pdf().values().forEach(file -> hostile.add(as(PDF, file)));
        hostile.add(as(HTML_DOC, Seeds.utf8("<div>".repeat(200_000) + "正文")));
        hostile.add(as(HTML_DOC, Seeds.utf8("<p>正文<!--" + "-".repeat(1 << 20))));
        hostile.add(as(HTML_DOC, Seeds.utf8("<p>正文<a title=\"" + "x".repeat(1 << 20))));
        hostile.add(as(HTML_DOC, Seeds.utf8("<p>" + "</x".repeat(300_000) + "<script>" + "</scrip".repeat(100_000))));
        hostile.add(as(HTML_DOC, Seeds.utf8("<p>正文" + "<script><style>".repeat(100_000))));
        hostile.add(as(HTML_DOC, Seeds.utf8("<p>" + "&#x1F600;&#0;&#xD800;&#99999999999;&".repeat(50_000))));
        return hostile;
    }

    @Override
    public List<byte[]> dictionary() {
        return Seeds.utf8(List.of("<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:tbl><w:tr><w:tc>",
                "</w:tc></w:tr></w:tbl>", "<w:br/>", "<w:tab/>", "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>",
                "<!DOCTYPE a [<!ENTITY e \"x\">]>", "&e;", "&amp;", "&#0;", "&#xD800;", "<![CDATA[", "]]>", "xml:space=\"preserve\"",
                "# ", "> ", "- ", "* ", "**", "`", "```", "|", "---", "[", "](", ")", "![", "<b>", "\\", "\r\n", "\r", "\n",
                "\u3000", "\uFEFF", "\u200B", "一、", "（一）", "1.", "。", "：", "同志们：", "PK\u0003\u0004",
                "\u0007", "\u0013", "\u0014", "\u0015", " HYPERLINK ", " PAGE ", "<p>", "</p>", "<td>", "<br>", "<script>", "<!--",
                "-->", "&nbsp;", "&#", "charset=gb2312", "{\\rtf", "%PDF-1.7", "BT", "ET", "Tj", "/FlateDecode", "\f"));
    }

    @Override
    public void accept(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        String name;
        byte[] file;
        switch (Math.floorMod(input[0], KINDS)) {
            case TXT -> { name = "材料.txt"; file = body; }
            case MD -> { name = "材料.md"; file = body; }
            case DOCX -> { name = "材料.docx"; file = body; }
            case DOCUMENT_XML -> { name = "材料.docx"; file = Seeds.docxAround(body); }
            case DOC -> { name = "材料.doc"; file = body; }
            case WPS -> { name = "材料.wps"; file = body; }
            case PDF -> { name = "材料.pdf"; file = body; }
            default -> { name = "材料.doc"; file = Seeds.concat(Seeds.utf8("<html><body>"), body); }
        }
        Rejections.returnsOrRejects(DOCUMENTED, () -> check(reader.read(name, file)));
    }

    /**
     * The documented shape: text with one paragraph per line, no blank lines and no carriage returns, except
     * PDF page breaks: lines of {@link DocumentReader#PAGE_BREAK} alone, never first, last or two in a row.
     */
    private static void check(String text) {
        if (text == null || text.isBlank()) {
            throw new AssertionError("read returned blank text");
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals(DocumentReader.PAGE_BREAK)) {
                if (i == 0 || i == lines.length - 1 || lines[i - 1].equals(DocumentReader.PAGE_BREAK)) {
                    throw new AssertionError("read returned a page break first, last or twice in a row");
                }
                continue;
            }
            if (TextLines.trim(line).isEmpty() || line.indexOf('\r') >= 0) {
                throw new AssertionError("read returned a blank line or a carriage return");
            }
        }
    }

    private static byte[] as(byte kind, byte[] content) {
        byte[] input = new byte[content.length + 1];
        input[0] = kind;
        System.arraycopy(content, 0, input, 1, content.length);
        return input;
    }
}
