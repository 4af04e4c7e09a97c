package org.scriptorium.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A code batch CSV")
class CodeBatchCsvTest {

    static final String A = "7KQ2M-XH9PD-3RTWA-ZC8NE";
    static final String B = "23456-789AB-CDEFG-HJKLM";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant CREATED = Instant.parse("2026-12-06T12:30:15.123Z");
    /** What follows the plan name in every row of a batch {@code B1} sold on 淘宝 and generated at {@link #CREATED}. */
    static final String TAIL = ",B1,淘宝,2026-12-06T20:30:15+08:00";

    private static String write(String planName, List<String> codes) {
        return CodeBatchCsv.write(batch(planName, "淘宝"), codes, SHANGHAI);
    }

    private static CodeBatch batch(String planName, String channel) {
        return new CodeBatch("B1", "P1", planName, 2, 0, CREATED, channel, null);
    }

    @Test
    @DisplayName("starts with a byte-order mark and the header code,plan,batch,channel,created_at, then one row per code")
    void layout() {
        assertThat(write("年度会员", List.of(A, B))).isEqualTo("\uFEFFcode,plan,batch,channel,created_at\r\n"
                + A + ",年度会员" + TAIL + "\r\n" + B + ",年度会员" + TAIL + "\r\n");
    }

    @Test
    @DisplayName("leaves the channel empty for a batch without one")
    void noChannel() {
        assertThat(CodeBatchCsv.write(batch("年度会员", null), List.of(A), SHANGHAI))
                .endsWith(A + ",年度会员,B1,,2026-12-06T20:30:15+08:00\r\n");
    }

    @Test
    @DisplayName("makes a channel or plan name that starts like a formula plain text")
    void formula() {
        assertThat(CodeBatchCsv.write(batch("=1+1", "@闲鱼"), List.of(A), SHANGHAI))
                .endsWith(A + ",'=1+1,B1,'@闲鱼,2026-12-06T20:30:15+08:00\r\n");
    }

    @Test
    @DisplayName("encodes as UTF-8 with the BOM bytes EF BB BF first")
    void utf8Bom() {
        byte[] bytes = write("年度会员", List.of(A)).getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    }

    @Test
    @DisplayName("has only the header for an empty batch")
    void empty() {
        assertThat(write("年度会员", List.of())).isEqualTo("\uFEFF" + CodeBatchCsv.HEADER + "\r\n");
    }

    @Test
    @DisplayName("quotes a plan name with a comma")
    void comma() {
        assertThat(write("会员,一年", List.of(A))).endsWith(A + ",\"会员,一年\"" + TAIL + "\r\n");
    }

    @Test
    @DisplayName("quotes a plan name with double quotes and doubles them")
    void quotes() {
        assertThat(write("\"尊享\"会员", List.of(A))).endsWith(A + ",\"\"\"尊享\"\"会员\"" + TAIL + "\r\n");
    }

    @Test
    @DisplayName("quotes a plan name with a line break")
    void lineBreak() {
        assertThat(write("年度\n会员", List.of(A))).endsWith(A + ",\"年度\n会员\"" + TAIL + "\r\n");
    }

    @Test
    @DisplayName("quotes a plan name with leading or trailing spaces so importers keep them")
    void padded() {
        assertThat(write(" 年度会员 ", List.of(A))).endsWith(A + ",\" 年度会员 \"" + TAIL + "\r\n");
    }

    @Test
    @DisplayName("leaves a plain plan name, including Chinese full-width punctuation, unquoted")
    void plain() {
        assertThat(write("年度会员（三年回溯），含资料", List.of(A)))
                .endsWith(A + ",年度会员（三年回溯），含资料" + TAIL + "\r\n");
    }

    @Test
    @DisplayName("rejects a code that is not in canonical form")
    void nonCanonical() {
        assertThatThrownBy(() -> write("年度会员", List.of(A.toLowerCase())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> write("年度会员", List.of("=HYPERLINK(\"x\")")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
