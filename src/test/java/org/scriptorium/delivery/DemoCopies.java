package org.scriptorium.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.List;
import org.scriptorium.bench.TraceSimulation;
import org.scriptorium.library.Block;
import org.scriptorium.library.Heading;
import org.scriptorium.library.Paragraph;
import org.scriptorium.library.ParsedMaterial;
import org.scriptorium.library.StructureParser;
import org.scriptorium.tracing.FragileMark;
import org.scriptorium.tracing.Prf;

/** A member's copy of the demo speech (乡村振兴推进会讲话) with all its marks, laid out as {@link Downloads} does. */
final class DemoCopies {

    static final int MEMBER = 7;
    private static final String DEMO = "/demo/01-乡村振兴推进会讲话.txt";

    private final TraceSimulation sim = new TraceSimulation(50, 0, 20261206L);
    private final ParsedMaterial parsed;
    private final int material;

    DemoCopies() {
        try (InputStream in = DemoCopies.class.getResourceAsStream(DEMO)) {
            parsed = new StructureParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        material = sim.addMaterial(parsed.title(), parsed.paragraphs(), false, m -> true);
    }

    /** The member's copy: robust forms, invisible payloads, the notice line. */
    DeliveredDocument member(int member) {
        List<String> copy = sim.copy(member, material);
        List<Block> marked = new ArrayList<>();
        for (int i = 0; i < parsed.blocks().size(); i++) {
            marked.add(switch (parsed.blocks().get(i)) {
                case Heading h -> h.withText(copy.get(i));
                case Paragraph p -> p.withText(copy.get(i));
            });
        }
        return Downloads.document(parsed.title(), parsed.salutation(), marked, copy.getLast());
    }

    /** The file token of the member's copy. */
    FileTrace trace(int member) {
        return new FileTrace(sim.fileToken(member, material));
    }

    /**
     * {@link OfficialLayoutTest}'s 通知 (run-in heading, 附件说明, 落款) with a 版头, an invisible payload after about
     * every 20 characters of every paragraph, the 落款 lines included.
     */
    static DeliveredDocument markedNotice() {
        Prf prf = new Prf(new byte[32]);
        DeliveredDocument doc = OfficialLayoutTest.document();
        List<DeliveredParagraph> paragraphs = doc.paragraphs().stream().map(p -> new DeliveredParagraph(p.style(),
                FragileMark.embed(p.text(), prf, MEMBER, 42, 20),
                p.hasRunIn() ? FragileMark.embed(p.runIn(), prf, MEMBER, 42, 20) : null)).toList();
        return new DeliveredDocument(doc.title(), paragraphs, doc.notice(), DeliveredDocument.Layout.OFFICIAL,
                new DeliveredDocument.Letterhead("青山县人民政府", "青政发〔2019〕3号", null, LocalDate.of(2019, 1, 24)));
    }

    /** The same document without the invisible layer: the text a reader sees, nothing else changed. */
    static DeliveredDocument withoutInvisible(DeliveredDocument doc) {
        List<DeliveredParagraph> paragraphs = doc.paragraphs().stream().map(p -> new DeliveredParagraph(p.style(),
                DocxWriter.visible(p.text()), p.hasRunIn() ? DocxWriter.visible(p.runIn()) : null)).toList();
        return new DeliveredDocument(DocxWriter.visible(doc.title()), paragraphs, doc.notice(), doc.layout(),
                doc.letterhead());
    }
}
