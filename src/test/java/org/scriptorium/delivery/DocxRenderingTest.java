package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The member's DOCX as LibreOffice renders it: the hidden runs that carry the invisible layer change nothing on the
 * page. Runs where {@code soffice} and {@code pdftotext} are installed ({@code scripts/test-services.sh} installs
 * them); one LibreOffice run converts all six files.
 *
 * <p>With {@code -Ddocx.render.dir=DIR} the DOCX files and their PDFs are also kept in DIR (how the pictures in
 * {@code docs/images} were made, followed by {@code pdftoppm -png -r 80}).
 */
@DisplayName("DOCX rendered by LibreOffice: the invisible marks do not move a line")
class DocxRenderingTest {

    @Test
    @DisplayName("the member's DOCX and the same text without the invisible layer give the same lines: both layouts, a 版头 and a 落款")
    void sameLines(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("soffice") && onPath("pdftotext"), "LibreOffice (soffice) and pdftotext are not installed");
        DemoCopies demo = new DemoCopies();
        DeliveredDocument member = demo.member(DemoCopies.MEMBER);
        assertThat(member.paragraphs()).anySatisfy(p -> assertThat(p.text()).containsPattern("[\\u200B-\\u200D\\u2060]"));
        DocxWriter writer = new DocxWriter();
        DeliveredDocument notice = DemoCopies.markedNotice();
        List<String> names = List.of("official-member", "official-plain", "reading-member", "reading-plain",
                "letterhead-member", "letterhead-plain");
        List<DeliveredDocument> docs = List.of(member, DemoCopies.withoutInvisible(member),
                member.withLayout(DeliveredDocument.Layout.READING),
                DemoCopies.withoutInvisible(member).withLayout(DeliveredDocument.Layout.READING),
                notice, DemoCopies.withoutInvisible(notice));
        List<String> command = new ArrayList<>(List.of("soffice", "-env:UserInstallation=" + dir.resolve("profile").toUri(),
                "--headless", "--convert-to", "pdf", "--outdir", dir.toString()));
        for (int i = 0; i < names.size(); i++) {
            Path file = dir.resolve(names.get(i) + ".docx");
            Files.write(file, i % 2 == 0 ? writer.write(docs.get(i), demo.trace(DemoCopies.MEMBER)) : writer.write(docs.get(i)));
            command.add(file.toString());
        }
        run(command, dir);
        keep(dir, names);

        String official = layoutText(dir, "official-member");
        assertThat(official).contains("乡村振兴").containsPattern("—\\s*1\\s*—").containsPattern("—\\s*2\\s*—");
        assertThat(official).isEqualTo(layoutText(dir, "official-plain"));
        assertThat(layoutText(dir, "reading-member")).isEqualTo(layoutText(dir, "reading-plain"));
        String letterhead = layoutText(dir, "letterhead-member");
        assertThat(letterhead.replaceAll("\\s+", "")).contains("青山县人民政府文件", "青政发〔2019〕3号", "2019年1月24日印发");
        assertThat(letterhead).isEqualTo(layoutText(dir, "letterhead-plain"));
    }

    private static String layoutText(Path dir, String name) throws Exception {
        Path text = dir.resolve(name + ".txt");
        run(List.of("pdftotext", "-layout", dir.resolve(name + ".pdf").toString(), text.toString()), dir);
        return Files.readString(text, StandardCharsets.UTF_8);
    }

    private static void run(List<String> command, Path dir) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command.getFirst()).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("log.txt"))).isZero();
    }

    private static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    private static void keep(Path dir, List<String> names) throws IOException {
        String keep = System.getProperty("docx.render.dir");
        if (keep == null || keep.isBlank()) {
            return;
        }
        Path target = Files.createDirectories(Path.of(keep));
        for (String name : names) {
            for (String ext : List.of(".docx", ".pdf")) {
                Files.copy(dir.resolve(name + ext), target.resolve(name + ext),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
