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
 * Fuzzes {@link DocumentReader} (and through it {@link TextDecoding}, {@link MarkdownText} and
 * {@link DocxText}). The first byte of an input chooses what the rest is: a .txt, a .md, a .docx as
 * bytes, or the {@code word/document.xml} of a .docx that is packaged here (so mutations reach POI's
 * XML handling instead of stopping at a broken zip checksum).
 */
public final class DocumentReaderFuzz implements FuzzTarget {

    /** What {@link DocumentReader#read} documents it throws, all as {@code Rejected}. */
    public static final Set<String> DOCUMENTED = Set.of("FILE_TOO_LARGE", "UNSUPPORTED_FORMAT", "EMPTY_TEXT", "UNREADABLE_TEXT",
            "ENCRYPTED_DOCX", "MALFORMED_DOCX", "DOCX_TOO_LARGE_EXPANDED");

    private static final byte TXT = 0;
    private static final byte MD = 1;
    private static final byte DOCX = 2;
    private static final byte DOCUMENT_XML = 3;

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
        return seeds;
    }

    @Override
    public List<byte[]> hostile() {
        return HostileFiles.docx().values().stream().map(file -> as(DOCX, file)).toList();
    }

    @Override
    public List<byte[]> dictionary() {
        return Seeds.utf8(List.of("<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:tbl><w:tr><w:tc>",
                "</w:tc></w:tr></w:tbl>", "<w:br/>", "<w:tab/>", "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>",
                "<!DOCTYPE a [<!ENTITY e \"x\">]>", "&e;", "&amp;", "&#0;", "&#xD800;", "<![CDATA[", "]]>", "xml:space=\"preserve\"",
                "# ", "> ", "- ", "* ", "**", "`", "```", "|", "---", "[", "](", ")", "![", "<b>", "\\", "\r\n", "\r", "\n",
                "\u3000", "\uFEFF", "\u200B", "一、", "（一）", "1.", "。", "：", "同志们：", "PK\u0003\u0004"));
    }

    @Override
    public void accept(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] body = Arrays.copyOfRange(input, 1, input.length);
        String name;
        byte[] file;
        switch (Math.floorMod(input[0], 4)) {
            case TXT -> { name = "材料.txt"; file = body; }
            case MD -> { name = "材料.md"; file = body; }
            case DOCX -> { name = "材料.docx"; file = body; }
            default -> { name = "材料.docx"; file = Seeds.docxAround(body); }
        }
        Rejections.returnsOrRejects(DOCUMENTED, () -> check(reader.read(name, file)));
    }

    /** The documented shape: text with one paragraph per line and no blank lines. */
    private static void check(String text) {
        if (text == null || text.isBlank()) {
            throw new AssertionError("read returned blank text");
        }
        for (String line : text.split("\n", -1)) {
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
