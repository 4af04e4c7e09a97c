package org.scriptorium.tracer;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.InflaterInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.scriptorium.common.Rejected;
import org.scriptorium.library.DocumentReader;

/**
 * The plain text of a file that was found for sale or sent in with a report, for the tracer to
 * read marks from. Reads {@code .txt}, {@code .md} and {@code .docx} as the library's
 * {@link DocumentReader} does, and {@code .pdf} with PDFBox's text extraction.
 */
public final class LeakedText {

    private static final long MB = 1024L * 1024;
    /**
     * Content-stream operators read from one PDF at most. A 300-page speech has a few hundred thousand;
     * a 300 KB stream that inflates to 300 MB of operators (found by fuzzing) would keep a thread busy
     * for minutes.
     */
    static final long MAX_PDF_OPERATORS = 2_000_000;
    /** Bytes of decoded streams one PDF may hold in memory (a 300 KB stream can inflate to 300 MB). */
    static final long MAX_PDF_DECODED_BYTES = 64L * 1024 * 1024;
    /** Characters extracted from one PDF at most: more than a 20 MB text file can hold. */
    static final long MAX_PDF_CHARACTERS = 10_000_000;

    private LeakedText() {}

    /**
     * Extracts the text of {@code content}, choosing the format by the extension of {@code fileName}
     * (case-insensitive).
     *
     * @param maxBytes the largest file accepted, in bytes; positive
     * @return the text; for a PDF, its lines in page order separated by {@code \n} (the footer's
     *         notice and page numbers included)
     * @throws Rejected {@code FILE_TOO_LARGE} (413) above {@code maxBytes}; {@code UNSUPPORTED_FORMAT}
     *                  (422) for an extension other than .txt, .docx, .md, .pdf; {@code ENCRYPTED_PDF}
     *                  (422) for a PDF that needs a password to open (one with only an owner password
     *                  is read); {@code MALFORMED_PDF} (422) for a damaged PDF or not a PDF at all;
     *                  {@code PDF_TOO_LARGE_EXPANDED} (422) for a PDF whose pages hold more than
     *                  {@value #MAX_PDF_OPERATORS} drawing operators or {@value #MAX_PDF_CHARACTERS}
     *                  characters (a compression bomb);
     *                  {@code EMPTY_TEXT} (422) for a file without text, such as a scan; and the
     *                  rejections of {@link DocumentReader#read} for the other formats. Nothing else.
     */
    public static String extract(String fileName, byte[] content, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        byte[] bytes = content == null ? new byte[0] : content;
        if (bytes.length > maxBytes) {
            String limit = maxBytes % MB == 0 ? Long.toString(maxBytes / MB)
                    : String.format(Locale.ROOT, "%.1f", maxBytes / (double) MB);
            throw new Rejected(413, "FILE_TOO_LARGE", "文件超过 " + limit + " MB 上限，请拆分后再提交。",
                    "The file exceeds the " + limit + " MB limit.");
        }
        String extension = extension(fileName);
        return switch (extension) {
            case "pdf" -> pdf(bytes);
            case "txt", "md", "docx" -> other(fileName, bytes, maxBytes, extension);
            default -> throw Rejected.invalid("UNSUPPORTED_FORMAT",
                    "不支持该文件格式，请提交 .txt、.docx、.md 或 .pdf 文件。",
                    "Unsupported file format; send a .txt, .docx, .md or .pdf file.");
        };
    }

    private static String other(String fileName, byte[] bytes, long maxBytes, String extension) {
        try {
            return new DocumentReader(maxBytes).read(fileName, bytes);
        } catch (Rejected e) {
            throw e;
        } catch (RuntimeException e) {
            // The reader rejects what it foresees; anything else is still a file we cannot read.
            throw extension.equals("docx")
                    ? Rejected.invalid("MALFORMED_DOCX", "该 Word 文件已损坏或不是 .docx 文件。",
                            "The Word file is damaged or not a .docx file.")
                    : Rejected.invalid("UNREADABLE_TEXT", "无法读取该文本文件，请用 UTF-8 编码另存后再提交。",
                            "The text file cannot be read; save it as UTF-8 and send it again.");
        }
    }

    private static String pdf(byte[] bytes) {
        String text;
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            checkDecodedSize(pdf);
            text = new BoundedTextStripper().getText(pdf);
        } catch (TooLargeExpanded e) {
            throw Rejected.invalid("PDF_TOO_LARGE_EXPANDED", "该 PDF 文件解压后内容异常庞大，无法处理，请检查文件后再提交。",
                    "The PDF expands to an abnormal size and cannot be processed.");
        } catch (InvalidPasswordException e) {
            throw Rejected.invalid("ENCRYPTED_PDF", "该 PDF 文件设有打开密码，无法读取文字。请提交未加密的文件。",
                    "The PDF needs a password to open; send an unencrypted file.");
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // PDFBox reports damage as IOException, and some deeper damage as runtime exceptions.
            throw malformed();
        }
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        if (normalised.isBlank()) {
            throw Rejected.invalid("EMPTY_TEXT", "该 PDF 文件中没有可提取的文字（可能是扫描件），请提交含文字的文件。",
                    "The PDF contains no extractable text (it may be a scan).");
        }
        return normalised;
    }

    /**
     * Decodes every page's content streams once, keeping nothing, and stops at
     * {@link #MAX_PDF_DECODED_BYTES} in all: PDFBox holds a page's whole decoded content in memory
     * while it extracts the text, so a small stream that inflates to hundreds of MB must be refused first.
     */
    private static void checkDecodedSize(PDDocument pdf) throws IOException {
        long decoded = 0;
        byte[] buffer = new byte[64 * 1024];
        for (PDPage page : pdf.getPages()) {
            var contents = page.getCOSObject().getDictionaryObject(COSName.CONTENTS);
            List<COSStream> streams = new java.util.ArrayList<>();
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
                        if (decoded > MAX_PDF_DECODED_BYTES) {
                            throw new TooLargeExpanded();
                        }
                    }
                } catch (IOException damaged) {
                    // PDFBox reads what it can of a damaged stream; so will the extraction below
                }
            }
        }
    }

    /**
     * The stream's decoded bytes as a stream: inflated as it is read for Flate (the filter of nearly every
     * content stream), since PDFBox's own decoding buffers the whole result; PDFBox's for other filters.
     */
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

    /** PDFBox's text extraction, stopped once a page's operators or the text exceed what a real document has. */
    private static final class BoundedTextStripper extends PDFTextStripper {
        private long operators;
        private long characters;

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            if (++operators > MAX_PDF_OPERATORS) {
                throw new TooLargeExpanded();
            }
            super.processOperator(operator, operands);
        }

        @Override
        protected void processTextPosition(TextPosition text) {
            characters += text.getUnicode() == null ? 0 : text.getUnicode().length();
            if (characters > MAX_PDF_CHARACTERS) {
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

    private static Rejected malformed() {
        return Rejected.invalid("MALFORMED_PDF", "该 PDF 文件已损坏或不是 PDF 文件。",
                "The PDF file is damaged or not a PDF file.");
    }

    private static String extension(String fileName) {
        if (fileName == null) {
            return "";
        }
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
    }
}
