package org.scriptorium.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The audit CSV")
class AuditCsvTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    @DisplayName("starts with a byte-order mark and the header, one CRLF line per entry, times with their offset")
    void layout() {
        AuditEntry entry = new AuditEntry("e1", Instant.parse("2025-06-01T02:03:04Z"), "u1", "editor@example.com",
                AuditAction.ACCOUNT_SUSPENDED, "USER", "u2", "暂停账号 m@example.com", "正常", "已暂停：倒卖");
        String csv = AuditCsv.write(List.of(entry), SHANGHAI);
        assertThat(csv).startsWith("\uFEFF" + AuditCsv.HEADER + "\r\n");
        assertThat(csv).endsWith("2025-06-01T10:03:04+08:00,editor@example.com,ACCOUNT_SUSPENDED,暂停账号,USER,u2,"
                + "暂停账号 m@example.com,正常,已暂停：倒卖\r\n");
    }

    @Test
    @DisplayName("names the system as actor when no one was signed in, and leaves missing states empty")
    void system() {
        AuditEntry entry = new AuditEntry("e1", Instant.parse("2025-06-01T00:00:00Z"), null, null,
                AuditAction.MATERIAL_PUBLISHED, "MATERIAL", "m1", "发布资料《讲话》", null, "已发布");
        assertThat(AuditCsv.write(List.of(entry), SHANGHAI)).contains(",系统,MATERIAL_PUBLISHED,发布资料,MATERIAL,m1,发布资料《讲话》,,已发布\r\n");
    }

    @Test
    @DisplayName("quotes commas, quotes and line breaks, and defuses what a spreadsheet would run as a formula")
    void escaping() {
        assertThat(AuditCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.field("说\"不\"")).isEqualTo("\"说\"\"不\"\"\"");
        assertThat(AuditCsv.field("两行\n文字")).isEqualTo("\"两行\n文字\"");
        assertThat(AuditCsv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AuditCsv.field("@SUM(1)")).isEqualTo("'@SUM(1)");
        assertThat(AuditCsv.field("-1+1")).isEqualTo("'-1+1");
        assertThat(AuditCsv.field(null)).isEmpty();
    }
}
