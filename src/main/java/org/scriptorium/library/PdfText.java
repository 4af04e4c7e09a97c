package org.scriptorium.library;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.InflaterInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.scriptorium.common.Rejected;

/**
 * Extracts the text layer of a PDF with PDFBox, the lines as PDFBox finds them (sorted by position), and
 * a line holding only {@link #PAGE_BREAK} between pages. Guarded as the tracer's {@code LeakedText} is
 * against compression bombs: decoded content and scratch memory are capped, and the extraction stops at
 * a number of drawing operators and characters no real document reaches.
 */
final class PdfText {

    /** The line between two pages. */
    static final String PAGE_BREAK = "\f";
    /** Fewer non-blank characters than this per page on average: the pages are images (a scan). */
    static final int MIN_CHARACTERS_PER_PAGE = 20;
    /** Content-stream operators read from one PDF at most (a 300-page speech has a few hundred thousand). */
    static final long MAX_OPERATORS = 2_000_000;
    /** Bytes of decoded page content one PDF may hold (a 300 KB stream can inflate to 300 MB). */
    static final long MAX_DECODED_BYTES = 64L * 1024 * 1024;
    /** Memory PDFBox may use for decoded streams and scratch buffers while loading. */
    static final long MAX_SCRATCH_BYTES = 128L * 1024 * 1024;
    /** Characters extracted from one PDF at most: more than a 20 MB text file can hold. */
    static final long MAX_CHARACTERS = 10_000_000;

    private PdfText() {
    }

    static String extract(byte[] content) {
        String text;
        int pages;
        try (PDDocument pdf = Loader.loadPDF(content, "", null, null,
                MemoryUsageSetting.setupMainMemoryOnly(MAX_SCRATCH_BYTES).streamCache)) {
            pages = pdf.getNumberOfPages();
            checkDecodedSize(pdf);
            BoundedTextStripper stripper = new BoundedTextStripper();
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            stripper.setPageEnd("\n" + PAGE_BREAK + "\n");
            text = stripper.getText(pdf);
        } catch (TooLargeExpanded e) {
            throw tooLargeExpanded();
        } catch (InvalidPasswordException e) {
            throw Rejected.invalid("ENCRYPTED_PDF", "该 PDF 文件设有打开密码，无法读取文字，请取消密码后再上传。",
                    "The PDF needs a password to open; remove the password and upload it again.");
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // PDFBox reports damage as IOException, and some deeper damage as runtime exceptions
            throw Rejected.invalid("MALFORMED_PDF", "无法读取该 PDF 文件：文件可能已损坏或并非 PDF 格式。",
                    "The PDF cannot be read: it may be damaged or not a PDF file.");
        }
        List<String> lines = lines(text);
        long characters = lines.stream().mapToLong(TextLines::nonBlankCount).sum();
        if (pages > 0 && characters < (long) MIN_CHARACTERS_PER_PAGE * pages) {
            throw Rejected.invalid("PDF_NO_TEXT",
                    "该 PDF 是扫描件（页面为图片，几乎没有可提取的文字），请先用 OCR 识别出文字，或上传 Word、文本版本。",
                    "The PDF is a scan (its pages are images with almost no extractable text); run OCR on it first "
                            + "or upload a Word or text version.");
        }
        return String.join("\n", lines);
    }

    /** Trimmed non-blank lines, one {@link #PAGE_BREAK} line between pages that have text, none at either end. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        boolean pageBreak = false;
        for (String raw : text.replace("\r\n", "\n").replace('\r', '\n').split("\n")) {
            String line = TextLines.trim(raw.replace(PAGE_BREAK, ""));
            if (line.isEmpty()) {
                pageBreak |= raw.contains(PAGE_BREAK);
                continue;
            }
            if (pageBreak && !lines.isEmpty()) {
                lines.add(PAGE_BREAK);
            }
            pageBreak = false;
            lines.add(line);
        }
        return lines;
    }

    /**
     * Decodes every page's content streams once, keeping nothing, and stops at {@link #MAX_DECODED_BYTES}
     * in all: PDFBox holds a page's whole decoded content in memory while it extracts the text.
     */
    private static void checkDecodedSize(PDDocument pdf) throws IOException {
        long decoded = 0;
        byte[] buffer = new byte[64 * 1024];
        for (PDPage page : pdf.getPages()) {
            COSBase contents = page.getCOSObject().getDictionaryObject(COSName.CONTENTS);
            List<COSStream> streams = new ArrayList<>();
            if (contents instanceof COSStream stream) {
                streams.add(stream);
            } else if (contents instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.getObject(i) instanceof COSStream stream) {
                        streams.add(stream);
                    }
                }
            }
            for (COSStream stream : streams) {
                try (InputStream in = decoded(stream)) {
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        decoded += n;
                        if (decoded > MAX_DECODED_BYTES) {
                            throw new TooLargeExpanded();
                        }
                    }
                } catch (IOException damaged) {
                    // PDFBox reads what it can of a damaged stream; so will the extraction
                }
            }
        }
    }

    /** Inflated as it is read for Flate (nearly every content stream), since PDFBox's own decoding buffers the whole result. */
    private static InputStream decoded(COSStream stream) throws IOException {
        COSBase filters = stream.getFilters();
        if (filters == null) {
            return stream.createRawInputStream();
        }
        if (COSName.FLATE_DECODE.equals(filters)
                || (filters instanceof COSArray array && array.size() == 1 && COSName.FLATE_DECODE.equals(array.getObject(0)))) {
            return new InflaterInputStream(stream.createRawInputStream());
        }
        return stream.createInputStream();
    }

    /** PDFBox's text extraction, stopped once the operators or the text exceed what a real document has. */
    private static final class BoundedTextStripper extends PDFTextStripper {
        private long operators;
        private long characters;

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            if (++operators > MAX_OPERATORS) {
                throw new TooLargeExpanded();
            }
            super.processOperator(operator, operands);
        }

        @Override
        protected void processTextPosition(TextPosition text) {
            characters += text.getUnicode() == null ? 0 : text.getUnicode().length();
            if (characters > MAX_CHARACTERS) {
                throw new TooLargeExpanded();
            }
            super.processTextPosition(text);
        }
    }

    /** Unchecked, so that no handler inside PDFBox that logs and goes on can swallow it. */
    private static final class TooLargeExpanded extends RuntimeException {
        TooLargeExpanded() {
            super(null, null, false, false);
        }
    }

    private static Rejected tooLargeExpanded() {
        return Rejected.invalid("PDF_TOO_LARGE_EXPANDED", "该 PDF 文件解压后内容异常庞大，无法处理，请检查文件后再上传。",
                "The PDF expands to an abnormal size and cannot be processed.");
    }
}
