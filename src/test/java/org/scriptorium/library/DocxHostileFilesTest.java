package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scriptorium.common.Rejected;
import org.scriptorium.support.fuzz.HostileFiles;
import org.scriptorium.support.fuzz.QuietLibraries;

/** Regression tests for what fuzzing found in {@link DocumentReader}'s .docx reading, one hostile file each. */
@ExtendWith(QuietLibraries.class)
class DocxHostileFilesTest {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final DocumentReader reader = new DocumentReader(20L * 1024 * 1024);

    static Stream<Arguments> hostileDocx() {
        Map<String, String> expected = Map.of(
                "zip bomb: document.xml of 200 MB of spaces", "DOCX_TOO_LARGE_EXPANDED",
                "parts that expand to 60 × 30 MB at 1:100, each under the ratio limit", "DOCX_TOO_LARGE_EXPANDED",
                "4,000 parts", "DOCX_TOO_LARGE_EXPANDED");
        return HostileFiles.docx().entrySet().stream()
                .map(e -> Arguments.of(e.getKey(), e.getValue(), expected.getOrDefault(e.getKey(), "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDocx")
    @DisplayName("a hostile .docx is read or refused with a documented code, within 2 s of CPU and 512 MB allocated")
    void hostileDocx(String name, byte[] docx, String expectedCode) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long allocated = THREADS.getCurrentThreadAllocatedBytes();

        Rejected rejected = catchThrowableOfType(Rejected.class, () -> reader.read("材料.docx", docx));

        if (!expectedCode.isEmpty()) {
            assertThat(rejected).isNotNull();
            assertThat(rejected.code()).isEqualTo(expectedCode);
            assertThat(rejected.chinese()).contains("Word");
            assertThat(rejected.status()).isEqualTo(422);
        } else if (rejected != null) {
            assertThat(rejected.code()).isIn(DocumentReaderFuzz.DOCUMENTED);
        }
        assertThat(THREADS.getCurrentThreadCpuTime() - cpu).isLessThan(2_000_000_000L);
        assertThat(THREADS.getCurrentThreadAllocatedBytes() - allocated).isLessThan(512L * 1024 * 1024);
    }

    @Test
    @DisplayName("a .docx whose first part claims Zstandard compression (found by Jazzer) is MALFORMED_DOCX, not an error")
    void zstandardPart() throws IOException {
        byte[] input;
        try (InputStream in = getClass().getResourceAsStream(
                "/org/scriptorium/fuzz/ParserJazzerFuzzTestInputs/documentReader/crash-5674727d424ce906068f747e0ed0cb16eb913595")) {
            input = in.readAllBytes();
        }
        byte[] docx = Arrays.copyOfRange(input, 1, input.length); // the first byte chose "docx" in DocumentReaderFuzz

        Rejected rejected = catchThrowableOfType(Rejected.class, () -> reader.read("材料.docx", docx));

        assertThat(rejected).isNotNull();
        assertThat(rejected.code()).isEqualTo("MALFORMED_DOCX");
    }
}
