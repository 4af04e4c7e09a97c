package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TXT writer")
class TxtWriterTest {

    private final TxtWriter writer = new TxtWriter();

    @Test
    @DisplayName("starts with a UTF-8 byte-order mark so Notepad opens Chinese correctly")
    void bom() {
        byte[] bytes = writer.write(Documents.speech());

        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    }

    @Test
    @DisplayName("ends every line with CRLF and has no bare LF or CR")
    void crlf() {
        String text = decode(writer.write(Documents.speech()));

        assertThat(text).endsWith("\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n", "\r");
    }

    @Test
    @DisplayName("gives the title, a blank line, the paragraphs indented with two full-width spaces except the salutation, and the notice last after a blank line")
    void layout() {
        List<String> lines = lines(writer.write(Documents.speech()));

        assertThat(lines).containsExactly(
                "在全县乡村振兴工作推进会上的讲话",
                "",
                "同志们：",
                "　　今天召开会议，主要任务是总结工作、部署任务。",
                "　　一、提高站位，增强责任感",
                "　　（一）把握形势。",
                "　　1.认清机遇。",
                "　　（1）用好政策。",
                "　　一是抓好产业，二是抓好人才，XX镇要走在前列。𠀀",
                "　　同志们，让我们齐心协力，再创佳绩！",
                "",
                Documents.NOTICE);
    }

    @Test
    @DisplayName("does not double indentation the text already carries")
    void existingIndent() {
        var doc = new DeliveredDocument("标题", List.of(
                new DeliveredParagraph(DeliveredParagraph.Style.BODY, "　　已有缩进。")), null);

        assertThat(lines(writer.write(doc))).containsExactly("标题", "", "　　已有缩进。");
    }

    @Test
    @DisplayName("keeps invisible characters in the text (the fragile mark layer)")
    void invisibleCharacters() {
        var doc = new DeliveredDocument("标题", List.of(
                new DeliveredParagraph(DeliveredParagraph.Style.BODY, "\u200B加强\u200C学习\u2060。")), null);

        assertThat(decode(writer.write(doc))).contains("\u200B加强\u200C学习\u2060。");
    }

    @Test
    @DisplayName("an empty document gives the title alone, and no notice lines without a notice")
    void empty() {
        var doc = new DeliveredDocument("标题", List.of(), null);

        assertThat(lines(writer.write(doc))).containsExactly("标题", "");
    }

    private static String decode(byte[] bytes) {
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }

    private static List<String> lines(byte[] bytes) {
        String text = decode(bytes);
        return List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
    }
}
