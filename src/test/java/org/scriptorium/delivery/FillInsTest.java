package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.scriptorium.delivery.DeliveredParagraph.Style.BODY;
import static org.scriptorium.delivery.DeliveredParagraph.Style.HEADING_2;
import static org.scriptorium.delivery.DeliveredParagraph.Style.SIGNATURE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scriptorium.common.Rejected;

@DisplayName("a reader's fill-ins")
class FillInsTest {

    /** The 安全生产 demo report's lines, as a copy delivers them (with a payload of invisible marks in one). */
    private static DeliveredDocument report() {
        return new DeliveredDocument("××县安全生产工作报告", List.of(
                new DeliveredParagraph(BODY, "年初，县政府与各乡镇签订安全生产目标责任书××\u200B\u200C\u200D\u2060份，明确了党政同责。"),
                new DeliveredParagraph(HEADING_2, "（一）××县检查情况。", "发现隐患××处，整改率达到××%。"),
                new DeliveredParagraph(SIGNATURE, "××县应急管理局"),
                new DeliveredParagraph(SIGNATURE, "××年××月××日")), "仅供学习 禁止外传 · ××");
    }

    private static FillIns from(String... pairs) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.put(pairs[i], List.of(pairs[i + 1]));
        }
        return FillIns.from(parameters);
    }

    private static List<String> texts(DeliveredDocument d) {
        return d.paragraphs().stream().map(p -> p.text() + (p.hasRunIn() ? "|" + p.runIn() : "")).toList();
    }

    @Nested
    @DisplayName("applied to a copy")
    class Applied {

        @Test
        @DisplayName("fill each placeholder by its meaning: 目标责任书××份 takes the number, never the place")
        void byMeaning() {
            DeliveredDocument filled = from("fill.place", "青山", "fill.number", "3", "fill.date", "2024-05-06",
                    "format", "txt").applyTo(report());

            assertThat(filled.title()).isEqualTo("青山县安全生产工作报告");
            assertThat(texts(filled)).containsExactly(
                    "年初，县政府与各乡镇签订安全生产目标责任书3\u200B\u200C\u200D\u2060份，明确了党政同责。",
                    "（一）青山县检查情况。|发现隐患3处，整改率达到3%。",
                    "青山县应急管理局",
                    "2024年5月6日");
            assertThat(filled.notice()).as("the notice is the platform's, not the reader's").isEqualTo("仅供学习 禁止外传 · ××");
        }

        @Test
        @DisplayName("a value for one occurrence, numbered in reading order from the title, wins over its meaning's")
        void perOccurrence() {
            DeliveredDocument filled = from("fill.number", "3", "fill.5", "0", "fill.4", "12").applyTo(report());

            assertThat(texts(filled).get(1)).isEqualTo("（一）××县检查情况。|发现隐患12处，整改率达到0%。");
            assertThat(texts(filled).get(0)).contains("责任书3\u200B");
        }

        @Test
        @DisplayName("a year alone fills the year and leaves month and day as written")
        void partialDate() {
            assertThat(texts(from("fill.date", "2024年").applyTo(report())).get(3)).isEqualTo("2024年××月××日");
        }

        @Test
        @DisplayName("no values: the same document")
        void none() {
            DeliveredDocument report = report();
            assertThat(FillIns.NONE.applyTo(report)).isSameAs(report);
            assertThat(from("fill.place", "  ", "format", "pdf").isEmpty()).isTrue();
        }
    }

    @Nested
    @DisplayName("refused with a 422 naming the parameter")
    class Refused {

        private static org.assertj.core.api.AbstractThrowableAssert<?, ?> assertRefused(Runnable r, String code) {
            return assertThatThrownBy(r::run).isInstanceOfSatisfying(Rejected.class, e -> {
                assertThat(e.status()).isEqualTo(422);
                assertThat(e.code()).isEqualTo(code);
                assertThat(e.chinese()).isNotBlank();
            });
        }

        @Test
        @DisplayName("a value over 40 characters")
        void tooLong() {
            assertRefused(() -> from("fill.place", "青".repeat(41)), "FILL_IN_TOO_LONG");
            assertThat(from("fill.place", "青".repeat(40)).byMeaning()).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"青\u200B山", "青\u2060山", "青\u200D山", "\uFEFF青山", "青\u202E山", "青\n山", "青\u0000山", "青\u2028山"})
        @DisplayName("a zero-width, format, control or line-separator character, which could forge or hide a mark")
        void invisible(String value) {
            assertRefused(() -> from("fill.name", value), "FILL_IN_FORBIDDEN_CHARACTER");
        }

        @ParameterizedTest
        @ValueSource(strings = {"fill.town", "fill.0", "fill.-1", "fill.99999", "fill.", "fill.1.5"})
        @DisplayName("a fill. parameter that is no meaning and no occurrence number")
        void unknown(String name) {
            assertRefused(() -> from(name, "青山"), "FILL_IN_UNKNOWN");
        }

        @Test
        @DisplayName("a parameter given twice")
        void repeated() {
            assertRefused(() -> FillIns.from(Map.of("fill.place", List.of("青山", "绿水"))), "FILL_IN_UNKNOWN");
        }

        @ParameterizedTest
        @ValueSource(strings = {"五月六日", "2024-13-01", "2024-05-32", "24-05-06"})
        @DisplayName("a date not in digits, or with no such month or day")
        void badDate(String value) {
            assertRefused(() -> from("fill.date", value), "FILL_IN_BAD_DATE");
        }

        @Test
        @DisplayName("more than 100 values")
        void tooMany() {
            Map<String, List<String>> many = IntStream.rangeClosed(1, 101).boxed()
                    .collect(Collectors.toMap(i -> "fill." + i, i -> List.of("值"), (a, b) -> a, LinkedHashMap::new));
            assertRefused(() -> FillIns.from(many), "FILL_IN_TOO_MANY");
            many.remove("fill.101");
            assertThat(FillIns.from(many).byOccurrence()).hasSize(100);
        }
    }
}
