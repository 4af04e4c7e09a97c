package org.scriptorium.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A code batch CSV")
class CodeBatchCsvTest {

    static final String A = "7KQ2M-XH9PD-3RTWA-ZC8NE";
    static final String B = "23456-789AB-CDEFG-HJKLM";

    @Test
    @DisplayName("starts with a byte-order mark and the header code,plan, then one row per code")
    void layout() {
        assertThat(CodeBatchCsv.write("年度会员", List.of(A, B)))
                .isEqualTo("\uFEFFcode,plan\r\n" + A + ",年度会员\r\n" + B + ",年度会员\r\n");
    }

    @Test
    @DisplayName("encodes as UTF-8 with the BOM bytes EF BB BF first")
    void utf8Bom() {
        byte[] bytes = CodeBatchCsv.write("年度会员", List.of(A)).getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    }

    @Test
    @DisplayName("has only the header for an empty batch")
    void empty() {
        assertThat(CodeBatchCsv.write("年度会员", List.of())).isEqualTo("\uFEFFcode,plan\r\n");
    }

    @Test
    @DisplayName("quotes a plan name with a comma")
    void comma() {
        assertThat(CodeBatchCsv.write("会员,一年", List.of(A))).endsWith(A + ",\"会员,一年\"\r\n");
    }

    @Test
    @DisplayName("quotes a plan name with double quotes and doubles them")
    void quotes() {
        assertThat(CodeBatchCsv.write("\"尊享\"会员", List.of(A))).endsWith(A + ",\"\"\"尊享\"\"会员\"\r\n");
    }

    @Test
    @DisplayName("quotes a plan name with a line break")
    void lineBreak() {
        assertThat(CodeBatchCsv.write("年度\n会员", List.of(A))).endsWith(A + ",\"年度\n会员\"\r\n");
    }

    @Test
    @DisplayName("quotes a plan name with leading or trailing spaces so importers keep them")
    void padded() {
        assertThat(CodeBatchCsv.write(" 年度会员 ", List.of(A))).endsWith(A + ",\" 年度会员 \"\r\n");
    }

    @Test
    @DisplayName("leaves a plain plan name, including Chinese full-width punctuation, unquoted")
    void plain() {
        assertThat(CodeBatchCsv.write("年度会员（三年回溯），含资料", List.of(A)))
                .endsWith(A + ",年度会员（三年回溯），含资料\r\n");
    }

    @Test
    @DisplayName("rejects a code that is not in canonical form")
    void nonCanonical() {
        assertThatThrownBy(() -> CodeBatchCsv.write("年度会员", List.of(A.toLowerCase())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodeBatchCsv.write("年度会员", List.of("=HYPERLINK(\"x\")")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
