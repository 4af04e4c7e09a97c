package org.scriptorium.tracer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.stream.Stream;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scriptorium.common.Rejected;
import org.scriptorium.support.fuzz.HostileFiles;
import org.scriptorium.support.fuzz.QuietLibraries;

/** Regression tests for what fuzzing found in {@link LeakedText}'s PDF reading, one hostile file each. */
@ExtendWith(QuietLibraries.class)
class LeakedTextHostileFilesTest {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long MAX_BYTES = 20L * 1024 * 1024;

    static Stream<Arguments> hostilePdfs() {
        Map<String, String> expected = Map.of(
                "a content stream that inflates to 300 MB", "PDF_TOO_LARGE_EXPANDED");
        return HostileFiles.pdf().entrySet().stream()
                .map(e -> Arguments.of(e.getKey(), e.getValue(), expected.getOrDefault(e.getKey(), "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePdfs")
    @DisplayName("a hostile PDF is read or refused with a documented code, within 2 s of CPU and 256 MB allocated")
    void hostilePdf(String name, byte[] pdf, String expectedCode) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long allocated = THREADS.getCurrentThreadAllocatedBytes();

        Rejected rejected = catchThrowableOfType(Rejected.class, () -> LeakedText.extract("leak.pdf", pdf, MAX_BYTES));

        if (!expectedCode.isEmpty()) {
            assertThat(rejected).isNotNull();
            assertThat(rejected.code()).isEqualTo(expectedCode);
            assertThat(rejected.chinese()).contains("PDF");
        } else if (rejected != null) {
            assertThat(rejected.code()).isIn("MALFORMED_PDF", "EMPTY_TEXT", "PDF_TOO_LARGE_EXPANDED");
        }
        assertThat(THREADS.getCurrentThreadCpuTime() - cpu).isLessThan(2_000_000_000L);
        assertThat(THREADS.getCurrentThreadAllocatedBytes() - allocated).isLessThan(256L * 1024 * 1024);
    }
}
