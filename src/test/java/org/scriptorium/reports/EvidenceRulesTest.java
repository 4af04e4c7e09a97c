package org.scriptorium.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.Rejected;

@DisplayName("The evidence rules")
class EvidenceRulesTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};
    private final EvidenceRules rules = new EvidenceRules(3, 100, 250, 1000);

    private static EvidenceRules.Submitted file(String name, int size) {
        return new EvidenceRules.Submitted(name, new byte[size]);
    }

    private static String code(Runnable call) {
        try {
            call.run();
        } catch (Rejected e) {
            return e.status() + " " + e.code();
        }
        throw new AssertionError("not rejected");
    }

    @Test
    @DisplayName("traces text files and keeps real images as attachments, in the order sent")
    void classifies() {
        List<EvidenceRules.Accepted> accepted = rules.check("淘宝", null, null, List.of(
                file("a.TXT", 10), new EvidenceRules.Submitted("shot.png", PNG), new EvidenceRules.Submitted("photo.jpeg", JPEG)));
        assertThat(accepted).extracting(EvidenceRules.Accepted::traced).containsExactly(true, false, false);
        assertThat(accepted).extracting(EvidenceRules.Accepted::mediaType).containsExactly("text/plain", "image/png", "image/jpeg");
    }

    @Test
    @DisplayName("needs a place and some evidence")
    void required() {
        assertThat(code(() -> rules.check("  ", null, "文字", List.of()))).isEqualTo("422 WHERE_REQUIRED");
        assertThat(code(() -> rules.check("淘宝", "说明", "  ", List.of()))).isEqualTo("422 EVIDENCE_REQUIRED");
        assertThat(rules.check("淘宝", null, "文字", List.of())).isEmpty();
    }

    @Test
    @DisplayName("refuses files over the size limits, too many files and over-long text")
    void limits() {
        assertThat(code(() -> rules.check("淘宝", null, null, List.of(file("a.txt", 101))))).isEqualTo("413 FILE_TOO_LARGE");
        assertThat(code(() -> rules.check("淘宝", null, null, List.of(file("a.txt", 100), file("b.txt", 100), file("c.txt", 51)))))
                .isEqualTo("413 EVIDENCE_TOO_LARGE");
        assertThat(code(() -> rules.check("淘宝", null, null, Collections.nCopies(4, file("a.txt", 1)))))
                .isEqualTo("422 TOO_MANY_FILES");
        assertThat(code(() -> rules.check("淘宝", null, "字".repeat(1001), List.of()))).isEqualTo("413 TEXT_TOO_LONG");
        assertThat(code(() -> rules.check("淘".repeat(501), null, "字", List.of()))).isEqualTo("422 WHERE_TOO_LONG");
    }

    @Test
    @DisplayName("refuses other formats, and images that are not images")
    void formats() {
        assertThat(code(() -> rules.check("淘宝", null, null, List.of(file("a.exe", 1))))).isEqualTo("422 UNSUPPORTED_FORMAT");
        assertThat(code(() -> rules.check("淘宝", null, null, List.of(file("noextension", 1))))).isEqualTo("422 UNSUPPORTED_FORMAT");
        assertThat(code(() -> rules.check("淘宝", null, null, List.of(new EvidenceRules.Submitted("x.png", JPEG)))))
                .isEqualTo("422 NOT_AN_IMAGE");
    }

    @Test
    @DisplayName("keeps only the file's own name, without folders or control characters")
    void names() {
        assertThat(EvidenceRules.cleanName("C:\\Users\\me\\倒卖.txt")).isEqualTo("倒卖.txt");
        assertThat(EvidenceRules.cleanName("../../etc/passwd\u0000.txt")).isEqualTo("passwd.txt");
        assertThat(EvidenceRules.cleanName(null)).isEqualTo("未命名文件");
        assertThatThrownBy(() -> rules.check("淘宝", null, null, List.of(file("", 1)))).isInstanceOf(Rejected.class);
    }
}
