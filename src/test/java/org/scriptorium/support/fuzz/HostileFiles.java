package org.scriptorium.support.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipOutputStream;

/**
 * Files made to hurt a parser: zip bombs, parts that expand to a lot in all, deeply nested XML and
 * tables, entity expansion, sizes that lie, and PDFs with deep nesting, cycles and inflated streams.
 * Each is small (at most a few MB) and named for what it does.
 */
public final class HostileFiles {

    private HostileFiles() {
    }

    /** Every hostile .docx, by name (made once per JVM: the bomb takes a second to deflate). */
    public static Map<String, byte[]> docx() {
        return Docx.FILES;
    }

    private static final class Docx {
        static final Map<String, byte[]> FILES = java.util.Collections.unmodifiableMap(makeDocx());
    }

    private static Map<String, byte[]> makeDocx() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("zip bomb: document.xml of 200 MB of spaces", docxWithPart("word/document.xml", 200 << 20, (byte) ' ', null));
        files.put("parts that expand to 60 × 30 MB at 1:100, each under the ratio limit", manyInflatingParts(60, 30 << 20));
        files.put("4,000 parts", manyParts(4_000));
        files.put("XML nested 100,000 elements deep", Seeds.docxAround(nested(100_000)));
        files.put("tables nested 5,000 deep", Seeds.docxAround(nestedTables(5_000)));
        files.put("entity expansion (billion laughs)", Seeds.docxAround(billionLaughs()));
        files.put("external entity", Seeds.docxAround(ascii("""
                <?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>\
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\
                <w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>""")));
        files.put("sizes that lie: local headers claim 4 GB", lyingSizes(Seeds.docx(Seeds.speech())));
        files.put("a 1 MB paragraph of one run", Seeds.docxAround(ascii(
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>"
                        + "正".repeat(1 << 20) + "</w:t></w:r></w:p></w:body></w:document>")));
        return files;
    }

    /** Every hostile .pdf, by name. */
    public static Map<String, byte[]> pdf() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("arrays nested 200,000 deep", pdfWithObject("[".repeat(200_000) + "]".repeat(200_000)));
        files.put("dictionaries nested 100,000 deep", pdfWithObject("<</A ".repeat(100_000) + ">>".repeat(100_000)));
        files.put("a page tree whose kids point to itself", pdfRaw("""
                1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj
                2 0 obj <</Type/Pages/Kids[2 0 R 3 0 R]/Count 2>> endobj
                3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>> endobj
                4 0 obj <</Length 40>> stream
                BT /F1 12 Tf 72 700 Td (Hello) Tj ET
                endstream endobj
                """));
        files.put("a stream that claims a length of 2^63", pdfRaw("""
                1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj
                2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj
                3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>> endobj
                4 0 obj <</Length 9223372036854775807>> stream
                BT (x) Tj ET
                endstream endobj
                """));
        files.put("a page count of 2^31 - 1 and an xref size of 2^31 - 1", pdfRaw("""
                1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj
                2 0 obj <</Type/Pages/Kids[3 0 R]/Count 2147483647>> endobj
                3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>> endobj
                """).clone());
        files.put("a content stream that inflates to 300 MB", flateBombPdf(300 << 20));
        files.put("a content stream of 100,000 nested q operators", pdfWithContent("q ".repeat(100_000) + "BT (x) Tj ET"));
        files.put("an object stream claiming 2^31 - 1 objects", pdfRaw("""
                1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj
                2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj
                5 0 obj <</Type/ObjStm/N 2147483647/First 2147483647/Length 3>> stream
                1 0
                endstream endobj
                """));
        return files;
    }

    private static byte[] docxWithPart(String name, int size, byte fill, byte[] prefix) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            Seeds.entry(zip, "[Content_Types].xml", ascii("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"));
            zip.putNextEntry(new java.util.zip.ZipEntry(name));
            if (prefix != null) {
                zip.write(prefix);
            }
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, fill);
            for (int written = 0; written < size; written += chunk.length) {
                zip.write(chunk);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A valid docx plus {@code parts} extra parts of {@code size} bytes each, of text that compresses
     * about 1:80 (above POI's ratio limit of 1:100), so that no single part looks like a bomb: the
     * parts are deflated once and written by hand, so making the file takes milliseconds.
     */
    private static byte[] manyInflatingParts(int parts, int size) {
        byte[] part = compressibleText(size);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(part);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(part);
        deflater.finish();
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            deflated.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        RawZip zip = new RawZip();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(Seeds.docx(Seeds.speech())))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.stored(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < parts && zip.size() + deflated.size() < 18 << 20; i++) {
            zip.deflated("word/filler" + i + ".xml", deflated.toByteArray(), (int) crc.getValue(), size);
        }
        return zip.finish();
    }

    /** A zip written entry by entry, for entries deflated beforehand. */
    private static final class RawZip {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream central = new ByteArrayOutputStream();
        private int count;

        int size() {
            return out.size();
        }

        void stored(String name, byte[] data) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(data);
            add(name, 0, data, (int) crc.getValue(), data.length);
        }

        void deflated(String name, byte[] data, int crc, int size) {
            add(name, 8, data, crc, size);
        }

        private void add(String name, int method, byte[] data, int crc, int size) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            int offset = out.size();
            var local = java.nio.ByteBuffer.allocate(30).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) method)
                    .putInt(0).putInt(crc).putInt(data.length).putInt(size).putShort((short) n.length).putShort((short) 0);
            out.writeBytes(local.array());
            out.writeBytes(n);
            out.writeBytes(data);
            var entry = java.nio.ByteBuffer.allocate(46).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            entry.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) method)
                    .putInt(0).putInt(crc).putInt(data.length).putInt(size).putShort((short) n.length)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(offset);
            central.writeBytes(entry.array());
            central.writeBytes(n);
            count++;
        }

        byte[] finish() {
            int start = out.size();
            out.writeBytes(central.toByteArray());
            var end = java.nio.ByteBuffer.allocate(22).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) count).putShort((short) count)
                    .putInt(central.size()).putInt(start).putShort((short) 0);
            out.writeBytes(end.array());
            return out.toByteArray();
        }
    }

    private static byte[] manyParts(int parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            copyEntries(Seeds.docx(Seeds.speech()), zip);
            for (int i = 0; i < parts; i++) {
                Seeds.entry(zip, "customXml/item" + i + ".xml", ascii("<a/>"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Runs of one letter broken by a random letter every 300 bytes or so: compresses about 1:80. */
    static byte[] compressibleText(int size) {
        SplittableRandom random = new SplittableRandom(7);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) (random.nextInt(300) == 0 ? 'a' + random.nextInt(26) : ' ');
        }
        return out;
    }

    private static void copyEntries(byte[] docx, ZipOutputStream zip) throws IOException {
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(docx))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Seeds.entry(zip, e.getName(), in.readAllBytes());
            }
        }
    }

    static byte[] nested(int depth) {
        StringBuilder xml = new StringBuilder(
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>");
        xml.append("<w:r>".repeat(depth)).append("<w:t>深</w:t>").append("</w:r>".repeat(depth));
        return ascii(xml.append("</w:p></w:body></w:document>").toString());
    }

    static byte[] nestedTables(int depth) {
        StringBuilder xml = new StringBuilder(
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
        xml.append("<w:tbl><w:tr><w:tc>".repeat(depth)).append("<w:p><w:r><w:t>表</w:t></w:r></w:p>")
                .append("</w:tc></w:tr></w:tbl>".repeat(depth));
        return ascii(xml.append("<w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>").toString());
    }

    private static byte[] billionLaughs() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY l0 \"哈哈\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + "<w:p><w:r><w:t>&l10;</w:t></w:r></w:p></w:body></w:document>");
        return ascii(dtd.toString());
    }

    /** Rewrites every local file header's sizes to 0xFFFFFFFF (the central directory keeps the truth). */
    private static byte[] lyingSizes(byte[] zip) {
        byte[] out = zip.clone();
        for (int i = 0; i + 30 < out.length; i++) {
            if (out[i] == 'P' && out[i + 1] == 'K' && out[i + 2] == 3 && out[i + 3] == 4) {
                Arrays.fill(out, i + 18, i + 26, (byte) 0xFF);
            }
        }
        return out;
    }

    private static byte[] pdfWithObject(String object) {
        return pdfRaw("""
                1 0 obj <</Type/Catalog/Pages 2 0 R/Deep 5 0 R>> endobj
                2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj
                3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>> endobj
                5 0 obj %s endobj
                """.formatted(object));
    }

    private static byte[] pdfWithContent(String content) {
        return pdfRaw("""
                1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj
                2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj
                3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>>> endobj
                4 0 obj <</Length %d>> stream
                %s
                endstream endobj
                """.formatted(content.length(), content));
    }

    /** A one-page PDF whose content stream inflates to {@code size} bytes of text operators. */
    public static byte[] flateBombPdf(int size) {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(Deflater.BEST_COMPRESSION))) {
            byte[] chunk = ascii("BT (x) Tj ET ".repeat(1 << 16));
            for (int written = 0; written < size; written += chunk.length) {
                out.write(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] stream = deflated.toByteArray();
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.writeBytes(ascii("""
                %%PDF-1.7
                1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj
                2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj
                3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>>> endobj
                4 0 obj <</Length %d/Filter/FlateDecode>> stream
                """.formatted(stream.length)));
        pdf.writeBytes(stream);
        pdf.writeBytes(ascii("\nendstream endobj\ntrailer <</Root 1 0 R/Size 5>>\n%%EOF\n"));
        return pdf.toByteArray();
    }

    /** A PDF of the given objects with no cross-reference table: PDFBox rebuilds it by scanning, as for damaged files. */
    private static byte[] pdfRaw(String objects) {
        return ascii("%PDF-1.7\n" + objects + "trailer <</Root 1 0 R/Size 6>>\n%%EOF\n");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
