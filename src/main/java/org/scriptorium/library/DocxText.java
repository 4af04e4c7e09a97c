package org.scriptorium.library;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.scriptorium.common.Rejected;

/**
 * Extracts the body text of a .docx, one paragraph per line (table cells included, headers and
 * footers left out), and turns every way the file can be unusable or hostile into a {@link Rejected}.
 */
final class DocxText {

    /** A real document's XML rarely compresses better than 1:100; a zip bomb compresses 1:1000. */
    static final double MIN_INFLATE_RATIO = 0.01;
    /** No part of a text document needs more than this once expanded. */
    static final long MAX_ENTRY_SIZE = 100L * 1024 * 1024;
    /**
     * Nor does the whole package: POI keeps every part in memory, so many parts each under the limits
     * above would add up to gigabytes (found by fuzzing: 3.4 GB allocated for an 18 MB file).
     */
    static final long MAX_EXPANDED_SIZE = MAX_ENTRY_SIZE;
    /** A text document has a few dozen parts; POI's own limit (1,000) costs a part's buffers each. */
    static final int MAX_PARTS = 1_000;
    /** Small packages may compress well as a whole (a few styles and an empty body); the ratio counts beyond this. */
    private static final long GRACE_SIZE = 1024L * 1024;

    static {
        // process-wide POI settings: every reader of OOXML in the application gets the same guard
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_SIZE);
    }

    private DocxText() {
    }

    static String extract(byte[] content) {
        FileMagic magic;
        try {
            magic = FileMagic.valueOf(content);
        } catch (RuntimeException e) {
            throw malformed();
        }
        if (magic == FileMagic.OLE2) {
            throw encryptedOrLegacy(content);
        }
        if (magic != FileMagic.OOXML) {
            throw malformed();
        }
        checkExpandedSize(content);
        try (InputStream in = new ByteArrayInputStream(content); XWPFDocument doc = new XWPFDocument(in)) {
            List<String> lines = new ArrayList<>();
            collect(doc.getBodyElements(), lines);
            return String.join("\n", lines);
        } catch (IOException | RuntimeException e) {
            throw isZipBomb(e) ? tooLargeExpanded() : malformed();
        } catch (LinkageError e) {
            // a part compressed with a method whose codec is not installed (Zstandard, found by fuzzing)
            throw malformed();
        }
    }

    /**
     * Inflates the package once, keeping nothing, and refuses it when its parts add up to more than
     * {@link #MAX_EXPANDED_SIZE} or are more than {@link #MAX_PARTS}, or when the whole compresses
     * better than a real document does, before POI reads it into memory. A package this scan cannot
     * read is left to POI, which names the damage.
     */
    private static void checkExpandedSize(byte[] content) {
        long expanded = 0;
        int parts = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            while (zip.getNextEntry() != null) {
                if (++parts > MAX_PARTS) {
                    throw tooLargeExpanded();
                }
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                    expanded += n;
                    if (expanded > MAX_EXPANDED_SIZE
                            || (expanded > GRACE_SIZE && expanded * MIN_INFLATE_RATIO > content.length)) {
                        throw tooLargeExpanded();
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // damaged or unusual zip (e.g. a name in an unknown encoding): POI decides
        }
    }

    private static void collect(List<IBodyElement> elements, List<String> lines) {
        for (IBodyElement element : elements) {
            switch (element) {
                case XWPFParagraph p -> addLines(p.getText(), lines);
                case XWPFTable t -> {
                    for (XWPFTableRow row : t.getRows()) {
                        for (XWPFTableCell cell : row.getTableCells()) {
                            collect(cell.getBodyElements(), lines);
                        }
                    }
                }
                case XWPFSDT sdt -> addLines(sdt.getContent().getText(), lines);
                default -> { }
            }
        }
    }

    private static void addLines(String text, List<String> lines) {
        // soft line breaks inside a paragraph come out as \n and become separate lines
        for (String line : TextLines.of(text)) {
            lines.add(line);
        }
    }

    /** An OLE2 file named .docx is either an encrypted docx (Word wraps those in OLE2) or a legacy .doc. */
    private static Rejected encryptedOrLegacy(byte[] content) {
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(content))) {
            if (fs.getRoot().hasEntryCaseInsensitive("EncryptionInfo")) {
                return new Rejected(422, "ENCRYPTED_DOCX", "该 Word 文档已加密，请先取消密码保护再上传。",
                        "This Word document is password-protected; remove the password and upload it again.");
            }
            return new Rejected(422, "MALFORMED_DOCX",
                    "这是旧版 Word 文档（.doc），请在 Word 中“另存为”.docx 格式后再上传。",
                    "This is a legacy Word document (.doc); save it as .docx in Word and upload it again.");
        } catch (IOException | RuntimeException e) {
            return malformed();
        }
    }

    private static boolean isZipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("Zip bomb") || message.contains("max entry size")
                    || message.contains("MaxEntrySize") || message.contains("exceeds the max")) {
                return true;
            }
        }
        return false;
    }

    private static Rejected malformed() {
        return new Rejected(422, "MALFORMED_DOCX", "无法读取该 Word 文档：文件可能已损坏或并非 .docx 格式，请在 Word 中重新保存后再上传。",
                "The Word document cannot be read: it may be damaged or not a .docx file; save it again in Word and retry.");
    }

    private static Rejected tooLargeExpanded() {
        return new Rejected(422, "DOCX_TOO_LARGE_EXPANDED", "该 Word 文档解压后内容异常庞大，无法处理，请检查文件后再上传。",
                "The Word document expands to an abnormal size and cannot be processed.");
    }
}
