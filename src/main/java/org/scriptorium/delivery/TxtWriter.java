package org.scriptorium.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link DeliveredDocument} as plain text that Windows Notepad and phones open correctly.
 *
 * <p>Layout: the title, a blank line, one line per paragraph, then a blank line and the notice
 * when there is one. Every paragraph except the salutation starts with two full-width spaces
 * ({@code "　　"}), as Chinese official documents indent headings and body alike. A heading's run-in text follows
 * it on its line ({@code 　　（一）严格管控野外火源。各村要……}). The 落款 lines keep the indent: plain text has no right
 * alignment that survives the reader's window width (padding with spaces wraps badly on a phone).
 */
public final class TxtWriter {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String CRLF = "\r\n";
    private static final String INDENT = "\u3000\u3000";

    /**
     * Writes the document.
     *
     * @param doc the document; never {@code null}
     * @return UTF-8 bytes with a byte-order mark (older Notepad guesses GBK without it) and CRLF
     *         line ends; every line, the last included, ends with CRLF
     */
    public byte[] write(DeliveredDocument doc) {
        StringBuilder text = new StringBuilder();
        line(text, doc.title().strip());
        line(text, "");
        for (DeliveredParagraph paragraph : doc.paragraphs()) {
            String indent = paragraph.style() == DeliveredParagraph.Style.SALUTATION ? "" : INDENT;
            // The writer owns the layout: indentation the text already carries would be doubled.
            String runIn = paragraph.hasRunIn() ? paragraph.runIn().stripLeading() : "";
            line(text, indent + paragraph.text().stripLeading() + runIn);
        }
        if (doc.hasNotice()) {
            line(text, "");
            line(text, doc.notice().strip());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(UTF8_BOM);
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void line(StringBuilder text, String content) {
        text.append(content.replaceAll("\r\n|\r|\n", CRLF)).append(CRLF);
    }
}
