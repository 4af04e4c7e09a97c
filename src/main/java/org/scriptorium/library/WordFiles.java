package org.scriptorium.library;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.Locale;

import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.scriptorium.common.Rejected;

/**
 * Reads a word-processor upload (.docx, .doc, .wps) by what its bytes are rather than by its name: Word
 * and many sites save web pages, RTF and .docx files under a .doc name, and Kingsoft WPS writes both
 * Word-compatible OLE2 files and OOXML packages as .wps.
 */
final class WordFiles {

    /** The extension the file came with, which decides the refusal codes. */
    enum Declared {
        DOCX, DOC, WPS
    }

    private WordFiles() {
    }

    static String extract(byte[] content, Declared declared) {
        FileMagic magic;
        try {
            magic = FileMagic.valueOf(content);
        } catch (RuntimeException e) {
            magic = FileMagic.UNKNOWN;
        }
        if (magic == FileMagic.OOXML) {
            return ooxml(content, declared);
        }
        if (magic == FileMagic.OLE2) {
            return ole2(content, declared);
        }
        if (magic == FileMagic.PDF) {
            return PdfText.extract(content); // a PDF saved under a Word name
        }
        if (magic == FileMagic.RTF || HtmlText.head(content).startsWith("{\\rtf")) {
            throw Rejected.invalid("UNSUPPORTED_FORMAT",
                    "该文件实为 RTF 格式，无法直接读取，请在 Word 或 WPS 中“另存为”.docx 格式后再上传。",
                    "The file is in RTF format, which cannot be read; save it as .docx in Word or WPS and upload it again.");
        }
        String head = HtmlText.head(content).toLowerCase(Locale.ROOT);
        if (head.startsWith("mime-version:") || head.contains("content-type: multipart/related")) {
            throw Rejected.invalid("UNSUPPORTED_FORMAT",
                    "该文件实为“单个文件网页”（MHT）格式，无法直接读取，请在 Word 中“另存为”.docx 格式后再上传。",
                    "The file is a single-file web page (MHT), which cannot be read; save it as .docx in Word and upload it again.");
        }
        if (head.startsWith("<?xml") && (head.contains("<w:worddocument") || head.contains("progid=\"word.document\""))) {
            throw Rejected.invalid("UNSUPPORTED_FORMAT",
                    "该文件实为 Word 2003 XML 格式，无法直接读取，请在 Word 中“另存为”.docx 格式后再上传。",
                    "The file is in Word 2003 XML format, which cannot be read; save it as .docx in Word and upload it again.");
        }
        if (HtmlText.looksLike(content)) {
            try {
                return HtmlText.toPlain(content);
            } catch (CharacterCodingException e) {
                throw malformed(declared);
            }
        }
        throw malformed(declared);
    }

    /** A zip: a .docx, whatever its name. */
    private static String ooxml(byte[] content, Declared declared) {
        try {
            return DocxText.extract(content);
        } catch (Rejected e) {
            if (declared != Declared.DOCX && e.code().equals("MALFORMED_DOCX")) {
                throw malformed(declared);
            }
            throw e;
        }
    }

    /** OLE2: an encrypted .docx (Word wraps those in OLE2), or a Word 97–2003 document. */
    private static String ole2(byte[] content, Declared declared) {
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(content))) {
            if (fs.getRoot().hasEntryCaseInsensitive("EncryptionInfo")) {
                throw encrypted(declared);
            }
            if (!fs.getRoot().hasEntryCaseInsensitive("WordDocument")) {
                throw malformed(declared); // e.g. Microsoft Works' .wps, an Excel or PowerPoint file
            }
            List<String> lines = DocText.extract(fs.getRoot());
            return String.join("\n", lines);
        } catch (DocText.Encrypted e) {
            throw encrypted(declared);
        } catch (Rejected e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw malformed(declared);
        } catch (StackOverflowError | LinkageError e) {
            throw malformed(declared);
        }
    }

    private static Rejected encrypted(Declared declared) {
        if (declared == Declared.DOCX) {
            return Rejected.invalid("ENCRYPTED_DOCX", "该 Word 文档已加密，请先取消密码保护再上传。",
                    "This Word document is password-protected; remove the password and upload it again.");
        }
        return Rejected.invalid("ENCRYPTED_DOC", "该文档已加密，请先取消密码保护再上传。",
                "This document is password-protected; remove the password and upload it again.");
    }

    private static Rejected malformed(Declared declared) {
        return switch (declared) {
            case DOCX -> Rejected.invalid("MALFORMED_DOCX",
                    "无法读取该 Word 文档：文件可能已损坏或并非 .docx 格式，请在 Word 中重新保存后再上传。",
                    "The Word document cannot be read: it may be damaged or not a .docx file; save it again in Word and retry.");
            case DOC -> Rejected.invalid("MALFORMED_DOC",
                    "无法读取该 Word 文档：文件可能已损坏或并非 .doc 格式，请在 Word 中“另存为”.docx 格式后再上传。",
                    "The Word document cannot be read: it may be damaged or not a .doc file; save it as .docx in Word and retry.");
            case WPS -> Rejected.invalid("UNSUPPORTED_WPS",
                    "无法读取该 WPS 文档，请在 WPS 中“另存为”Word 文档（.docx）后再上传。",
                    "The WPS document cannot be read; save it as a Word document (.docx) in WPS and upload it again.");
        };
    }
}
