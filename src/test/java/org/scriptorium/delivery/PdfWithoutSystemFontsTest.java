package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PDF writer on a machine without Chinese fonts: a child JVM on the test class path writes a PDF in a mount
 * namespace where empty file systems hide every system and user font directory. Needs Linux, {@code unshare} and the
 * right to mount (root); skipped elsewhere.
 */
@DisplayName("PDF on a machine without system fonts")
class PdfWithoutSystemFontsTest {

    /** Where fontconfig, Java and PDFBox look for fonts on Linux. */
    static final List<String> FONT_DIRECTORIES = List.of("/usr/share/fonts", "/usr/local/share/fonts",
            System.getProperty("user.home") + "/.fonts", System.getProperty("user.home") + "/.local/share/fonts");

    @Test
    @DisplayName("with every font directory hidden, the bundled fonts still give a PDF with Chinese text, fonts embedded")
    void noSystemFonts(@TempDir Path dir) throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux only");
        assumeTrue(run(List.of("unshare", "--mount", "--propagation", "private", "true"), dir) == 0,
                "unshare --mount is not allowed here");
        Path pdf = dir.resolve("out.pdf");
        StringBuilder script = new StringBuilder("set -e\n");
        for (String fonts : FONT_DIRECTORIES) {
            if (Files.isDirectory(Path.of(fonts))) {
                script.append("mount -t tmpfs none '").append(fonts).append("'\n");
            }
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        script.append("exec '").append(java).append("' -cp \"$CP\" '").append(Child.class.getName()).append("' '")
                .append(pdf).append("'\n");
        List<String> command = List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", script.toString());

        assertThat(run(command, dir)).as(Files.readString(dir.resolve("log"))).isZero();

        try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf))) {
            assertThat(new PDFTextStripper().getText(doc)).contains(Documents.speech().title());
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    assertThat(page.getResources().getFont(name).isEmbedded()).isTrue();
                }
            }
        }
        assertThat(Files.readString(dir.resolve("log"))).contains("font directories empty: true");
    }

    private static int run(List<String> command, Path dir) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile());
        builder.environment().put("CP", System.getProperty("java.class.path"));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return -1; // no unshare on this machine
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not finish in 60 s");
        }
        return process.exitValue();
    }

    /** The child: reports whether the font directories are empty, then writes the speech as a PDF. */
    public static final class Child {

        public static void main(String[] args) throws IOException {
            boolean empty = true;
            for (String fonts : FONT_DIRECTORIES) {
                Path path = Path.of(fonts);
                if (Files.isDirectory(path)) {
                    try (Stream<Path> files = Files.list(path)) {
                        empty &= files.findAny().isEmpty();
                    }
                }
            }
            System.out.println("font directories empty: " + empty);
            Files.write(Path.of(args[0]), new PdfWriter().write(Documents.speech()));
        }
    }
}
