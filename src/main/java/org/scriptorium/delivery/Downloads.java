package org.scriptorium.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.scriptorium.common.Rejected;
import org.scriptorium.library.Block;
import org.scriptorium.library.Copies;
import org.scriptorium.library.Heading;
import org.scriptorium.library.MaterialAccess;
import org.scriptorium.library.MaterialView;
import org.scriptorium.library.Paragraph;
import org.springframework.stereotype.Service;

/**
 * Files for entitled readers: each one the reader's personalised copy, with their notice, and a file-level trace;
 * the delivery is in the ledger.
 */
@Service
public class Downloads {

    /** A file ready to send. */
    public record DownloadFile(String fileName, String contentType, byte[] content) {
    }

    private final MaterialAccess access;
    private final List<DownloadPolicy> policies;
    private final TxtWriter txt = new TxtWriter();
    private final DocxWriter docx = new DocxWriter();
    private final Optional<PdfWriter> pdf;

    Downloads(MaterialAccess access, List<DownloadPolicy> policies) {
        this.access = access;
        this.policies = List.copyOf(policies);
        this.pdf = PdfWriter.defaultFont().map(PdfWriter::new);
    }

    /**
     * The material as a file in the given format.
     *
     * @throws Rejected 401/403 when the reader is not entitled, 404 for an unknown material, 422 for an unknown format,
     *                  and whatever a {@link DownloadPolicy} refuses with (429 beyond the daily cap)
     */
    public DownloadFile download(String materialId, String format, Optional<String> userId) {
        return download(materialId, format, userId, FillIns.NONE);
    }

    /** The material as a file, its placeholders filled with the reader's values ({@link FillIns}); see above. */
    public DownloadFile download(String materialId, String format, Optional<String> userId, FillIns fillIns) {
        String f = format == null ? "txt" : format.strip().toLowerCase(Locale.ROOT);
        Copies.Channel channel = switch (f) {
            case "txt" -> Copies.Channel.TXT;
            case "docx" -> Copies.Channel.DOCX;
            case "pdf" -> Copies.Channel.PDF;
            default -> throw Rejected.invalid("UNSUPPORTED_FORMAT", "可下载的格式为 txt、docx 和 pdf。",
                    "Downloads are available as txt, docx or pdf.");
        };
        if (channel == Copies.Channel.PDF && pdf.isEmpty()) {
            throw new Rejected(503, "PDF_UNAVAILABLE", "服务器缺少中文字体（fonts-wqy-microhei），暂时无法生成 PDF。",
                    "The server lacks the CJK font (fonts-wqy-microhei) needed for PDF.");
        }
        userId.ifPresent(id -> policies.forEach(policy -> policy.check(id, materialId)));
        MaterialView view = access.fullView(materialId, userId, channel);
        DeliveredDocument document = fillIns.applyTo(document(view));
        FileTrace trace = new FileTrace(view.fileToken());
        String baseName = safeFileName(view.material().title());
        return switch (channel) {
            case TXT -> new DownloadFile(baseName + ".txt", "text/plain;charset=UTF-8", txt.write(document));
            case DOCX -> new DownloadFile(baseName + ".docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.write(document, trace));
            default -> new DownloadFile(baseName + ".pdf", "application/pdf", pdf.orElseThrow().write(document, trace));
        };
    }

    private static DeliveredDocument document(MaterialView view) {
        return document(view.material().title(), view.salutation(), view.blocks(), view.notice());
    }

    /**
     * The layout of a reader's blocks: one delivered paragraph per block, except that a {@link Paragraph.Role#RUN_IN}
     * paragraph goes onto the line of the heading just before it. Every block's text is kept as it is, since the copy's
     * marks live in it; a run-in paragraph with no heading before it is set as body.
     */
    static DeliveredDocument document(String title, String salutation, List<Block> blocks, String notice) {
        List<DeliveredParagraph> paragraphs = new ArrayList<>();
        if (salutation != null) {
            paragraphs.add(new DeliveredParagraph(DeliveredParagraph.Style.SALUTATION, salutation));
        }
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (block instanceof Heading h && i + 1 < blocks.size() && blocks.get(i + 1) instanceof Paragraph next
                    && next.role() == Paragraph.Role.RUN_IN) {
                paragraphs.add(new DeliveredParagraph(headingStyle(h.level()), h.text(), next.text()));
                i++;
                continue;
            }
            paragraphs.add(switch (block) {
                case Heading h -> new DeliveredParagraph(headingStyle(h.level()), h.text());
                case Paragraph p -> new DeliveredParagraph(paragraphStyle(p), p.text());
            });
        }
        return new DeliveredDocument(title, paragraphs, notice);
    }

    private static DeliveredParagraph.Style paragraphStyle(Paragraph p) {
        return switch (p.role()) {
            case ATTACHMENT -> DeliveredParagraph.Style.ATTACHMENT;
            case SIGNATURE -> DeliveredParagraph.Style.SIGNATURE;
            case BODY, RUN_IN -> p.closing() ? DeliveredParagraph.Style.CLOSING : DeliveredParagraph.Style.BODY;
        };
    }

    private static DeliveredParagraph.Style headingStyle(int level) {
        return switch (level) {
            case 1 -> DeliveredParagraph.Style.HEADING_1;
            case 2 -> DeliveredParagraph.Style.HEADING_2;
            case 3 -> DeliveredParagraph.Style.HEADING_3;
            default -> DeliveredParagraph.Style.HEADING_4;
        };
    }

    /** The title without characters that file systems refuse, at most 80 characters. */
    static String safeFileName(String title) {
        String clean = title.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
        if (clean.isEmpty()) {
            clean = "material";
        }
        return clean.length() > 80 ? clean.substring(0, 80) : clean;
    }
}
