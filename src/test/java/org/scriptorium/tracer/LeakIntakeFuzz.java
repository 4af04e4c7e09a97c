package org.scriptorium.tracer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.delivery.DeliveredDocument;
import org.scriptorium.delivery.DeliveredParagraph;
import org.scriptorium.delivery.DocxWriter;
import org.scriptorium.delivery.FileTrace;
import org.scriptorium.delivery.PdfWriter;
import org.scriptorium.support.fuzz.FuzzTarget;
import org.scriptorium.support.fuzz.HostileFiles;
import org.scriptorium.support.fuzz.Rejections;
import org.scriptorium.support.fuzz.Seeds;
import org.springframework.util.unit.DataSize;

/**
 * Fuzzes {@link LeakIntake#leaks}: the text of a leaked file ({@link LeakedText}, TXT/MD/DOCX/PDF) and
 * the file tokens hidden in it ({@code delivery.FileTraces}, which must never throw). The first byte
 * of an input chooses the file's extension; the rest is the file.
 */
public final class LeakIntakeFuzz implements FuzzTarget {

    private static final Set<String> DOCUMENTED = documented();
    private static final String[] EXTENSIONS = {"txt", "md", "docx", "pdf"};
    private static final byte PDF = 3;
    private static final byte DOCX = 2;

    private final LeakIntake intake = new LeakIntake(new ScriptoriumProperties(null, null, null, null, null,
            new ScriptoriumProperties.Upload(DataSize.ofMegabytes(20)), 0, 0, null, null));

    @Override
    public String name() {
        return "leak-intake";
    }

    @Override
    public List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String text : Seeds.texts(2_000).subList(0, 8)) {
            seeds.add(as((byte) 0, Seeds.utf8(text)));
        }
        seeds.add(as(PDF, Seeds.plainPdf("Leaked speech\nSecond line (with parentheses) and \\ backslash")));
        seeds.add(as(DOCX, Seeds.docx(Seeds.speech())));
        DeliveredDocument copy = new DeliveredDocument("在全市安全生产工作会议上的讲话", List.of(
                new DeliveredParagraph(DeliveredParagraph.Style.SALUTATION, "同志们："),
                new DeliveredParagraph(DeliveredParagraph.Style.HEADING_1, "一、充分认识重要意义"),
                new DeliveredParagraph(DeliveredParagraph.Style.BODY, "安全生产是发展的底线，要压实责任。")), "仅供会员本人使用");
        FileTrace trace = new FileTrace("TRACE23456789ABC");
        seeds.add(as(DOCX, new DocxWriter().write(copy, trace)));
        seeds.add(as(PDF, new PdfWriter().write(copy, trace)));
        return seeds;
    }

    /** The hostile PDFs; the hostile .docx files take the same path as in {@code DocumentReaderFuzz}, which runs them. */
    @Override
    public List<byte[]> hostile() {
        return HostileFiles.pdf().values().stream().map(file -> as(PDF, file)).toList();
    }

    @Override
    public List<byte[]> dictionary() {
        return Seeds.utf8(List.of("obj", "endobj", "stream\n", "\nendstream", "<<", ">>", "[", "]", "/Length ", "/Filter/FlateDecode",
                "/Type/Page", "/Kids[", "/Parent 2 0 R", "/Count ", "/Contents 4 0 R", " 0 R", "xref\n0 1\n0000000000 65535 f \n",
                "trailer", "startxref\n", "%%EOF", "BT", "ET", "Tj", "TJ", "Td", "Tf", "q", "Q", "(", ")", "\\", "/Encrypt",
                "/ObjStm", "/N ", "/First ", "/Metadata", "<x:xmpmeta>", "ScriptoriumCopy", "<w:p>", "<w:t>"));
    }

    @Override
    public void accept(byte[] input) {
        if (input.length == 0) {
            return;
        }
        String name = "泄露材料." + EXTENSIONS[Math.floorMod(input[0], EXTENSIONS.length)];
        byte[] file = Arrays.copyOfRange(input, 1, input.length);
        Rejections.returnsOrRejects(DOCUMENTED, () -> {
            List<Leak> leaks = intake.leaks(List.of(new LeakIntake.SubmittedFile(name, file)), null);
            if (leaks.size() != 1 || leaks.getFirst().text().isBlank()) {
                throw new AssertionError("one readable file gave " + leaks.size() + " leaks or blank text");
            }
        });
    }

    /** {@link LeakedText#extract}'s own rejections, the reader's, and the intake's. */
    private static Set<String> documented() {
        Set<String> codes = new HashSet<>(org.scriptorium.library.DocumentReaderFuzz.DOCUMENTED);
        codes.addAll(Set.of("ENCRYPTED_PDF", "MALFORMED_PDF", "PDF_TOO_LARGE_EXPANDED", "NOTHING_TO_TRACE", "BUNDLE_TOO_LARGE"));
        return Set.copyOf(codes);
    }

    private static byte[] as(byte kind, byte[] content) {
        byte[] input = new byte[content.length + 1];
        input[0] = kind;
        System.arraycopy(content, 0, input, 1, content.length);
        return input;
    }
}
