package org.scriptorium.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Guards the promise that one place decides who may read material text. */
class EntitlementGateTest {

    private static final Path MAIN = Path.of("src/main/java/org/scriptorium");

    private static List<String> filesMentioning(String text) throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> {
                        try {
                            return Files.readString(f).contains(text);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .map(f -> MAIN.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    @Test
    @DisplayName("outside the membership module, only MaterialAccess applies the entitlement rule")
    void oneGate() throws IOException {
        assertThat(filesMentioning("new EntitlementRule(")).containsExactly("library/MaterialAccess.java");
    }

    @Test
    @DisplayName("revision text is read only inside the library, and by no reader-facing controller")
    void revisionTextStaysBehindTheGate() throws IOException {
        List<String> readers = new ArrayList<>(filesMentioning(".sourceText()"));
        readers.addAll(filesMentioning(".body()"));
        // Editors' pages (LibraryAdminPages, under /admin, staff only) may show revisions; readers' pages may not.
        // Benchmark commands write generated documents straight into the tables and read no member's text.
        readers.removeIf(f -> f.startsWith("bench/"));
        assertThat(readers).allMatch(f -> f.startsWith("library/")
                && (f.contains("Admin") || !(f.endsWith("Pages.java") || f.endsWith("Controller.java"))),
                "inside the library, not in a reader-facing controller");
    }
}
