package org.scriptorium.support.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/**
 * Inputs to start fuzzing from: the real government documents of {@code src/test/resources/corpus/real} (a copy of
 * {@code ../shared/corpus/real}), the demo materials, and small DOCX and PDF files made here.
 */
public final class Seeds {

    /** Where the real documents are, relative to the project's root. */
    private static final Path REAL = Path.of("src/test/resources/corpus/real");
    private static final List<String> DEMO = List.of("01-乡村振兴推进会讲话.txt", "02-安全生产工作报告.txt", "03-党建工作总结.txt",
            "04-营商环境优化方案.txt", "05-主题教育心得体会.txt", "06-表彰大会主持词.txt",
            "07-防汛工作会议讲话.txt", "08-专题党课讲稿.txt");

    private Seeds() {
    }

    /**
     * The demo materials and the real documents as text, in a fixed order, each cut to its first
     * {@code maxChars} characters (fuzzing many small inputs finds more than a few large ones).
     */
    public static List<String> texts(int maxChars) {
        List<String> texts = new ArrayList<>();
        for (String name : DEMO) {
            texts.add(cut(resource("/demo/" + name), maxChars));
        }
        if (Files.isDirectory(REAL)) {
            try (Stream<Path> files = Files.list(REAL)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                    texts.add(cut(Files.readString(file), maxChars));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }

    /** A short official text with every kind of block the structure parser knows. */
    public static String speech() {
        return """
                在全市安全生产工作会议上的讲话
                （2026年3月1日）
                同志们：
                一、充分认识做好安全生产工作的重要意义
                （一）统一思想。一是提高认识；二是压实责任。第一，抓好落实。
                1. 加强组织领导。××同志要负总责，____月____日前完成。
                （1）细化方案。
                第二章 附则
                同志们，让我们紧密团结，谢谢大家！
                """;
    }

    /** The same text in the encodings the text reader accepts: UTF-8 with and without BOM, UTF-16 with BOM, GB18030. */
    public static List<byte[]> encodings(String text) {
        List<byte[]> out = new ArrayList<>();
        out.add(text.getBytes(StandardCharsets.UTF_8));
        out.add(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8)));
        out.add(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE)));
        out.add(concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE)));
        out.add(text.getBytes(Charset.forName("GB18030")));
        return out;
    }

    /** A .docx made by POI: paragraphs, a soft line break, a table with a nested table. */
    public static byte[] docx(String text) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            String[] lines = text.split("\n");
            for (int i = 0; i < lines.length; i++) {
                var run = doc.createParagraph().createRun();
                run.setText(lines[i]);
                if (i == 1) {
                    run.addBreak();
                    run.setText("软换行之后");
                }
            }
            XWPFTable table = doc.createTable(2, 2);
            table.getRow(0).getCell(0).setText("表格单元");
            table.getRow(1).getCell(1).insertTable(0, new XWPFTable(
                    table.getRow(1).getCell(1).getCTTc().addNewTbl(), table.getRow(1).getCell(1), 1, 1));
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A .docx written by hand around {@code documentXml} (the body of {@code word/document.xml}): the
     * smallest package POI opens, so the fuzzer can mutate the XML and still reach the XML parser.
     */
    public static byte[] docxAround(byte[] documentXml) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                    <Default Extension="xml" ContentType="application/xml"/>\
                    <Override PartName="/word/document.xml" \
                    ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""
                    .getBytes(StandardCharsets.UTF_8));
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
                    Target="word/document.xml"/></Relationships>""".getBytes(StandardCharsets.UTF_8));
            entry(zip, "word/document.xml", documentXml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** {@code word/document.xml} with one paragraph per line of {@code text}, and a table. */
    public static byte[] documentXml(String text) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""");
        for (String line : text.split("\n")) {
            xml.append("<w:p><w:r><w:t xml:space=\"preserve\">").append(line.replace("&", "&amp;").replace("<", "&lt;"))
                    .append("</w:t></w:r></w:p>");
        }
        xml.append("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>单元格</w:t><w:br/><w:tab/></w:r></w:p></w:tc></w:tr></w:tbl>");
        xml.append("<w:sdt><w:sdtContent><w:p><w:r><w:t>内容控件</w:t></w:r></w:p></w:sdtContent></w:sdt>");
        xml.append("</w:body></w:document>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A PDF with ASCII text in a standard font, uncompressed and without object streams, so that byte
     * mutations reach the object syntax, the cross-reference table and the content stream.
     */
    public static byte[] plainPdf(String asciiText) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(pdf, page, PDPageContentStream.AppendMode.OVERWRITE, false)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                for (String line : asciiText.split("\n")) {
                    content.showText(line);
                    content.newLineAtOffset(0, -16);
                }
                content.endText();
            }
            pdf.getDocumentInformation().setCustomMetadataValue("ScriptoriumCopy", "ABCDEFGH23456789");
            pdf.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static List<byte[]> utf8(List<String> texts) {
        return texts.stream().map(Seeds::utf8).toList();
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    private static String cut(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars);
    }

    private static String resource(String name) {
        try (InputStream in = Seeds.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
