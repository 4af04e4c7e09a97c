package org.scriptorium.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.library.Block;
import org.scriptorium.library.Heading;
import org.scriptorium.library.MaterialAccess;
import org.scriptorium.library.MaterialView;
import org.scriptorium.library.Paragraph;
import org.springframework.stereotype.Service;

/**
 * Files for entitled readers. Copies are not yet personalised: the anti-reselling work will mark each copy
 * for its reader and record it in the delivery ledger here.
 */
@Service
public class Downloads {

    /** A file ready to send. */
    public record DownloadFile(String fileName, String contentType, byte[] content) {
    }

    private final MaterialAccess access;
    private final String notice;
    private final TxtWriter txt = new TxtWriter();
    private final DocxWriter docx = new DocxWriter();

    Downloads(MaterialAccess access, ScriptoriumProperties properties) {
        this.access = access;
        this.notice = "仅供学习 禁止外传 · " + properties.siteName();
    }

    /**
     * The material as a file in the given format.
     *
     * @throws Rejected 401/403 when the reader is not entitled, 404 for an unknown material, 422 for an unknown format
     */
    public DownloadFile download(String materialId, String format, Optional<String> userId) {
        String f = format == null ? "txt" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("txt") && !f.equals("docx")) {
            throw Rejected.invalid("UNSUPPORTED_FORMAT", "可下载的格式为 txt 和 docx。", "Downloads are available as txt or docx.");
        }
        MaterialView view = access.fullView(materialId, userId);
        DeliveredDocument document = document(view);
        String baseName = safeFileName(view.material().title());
        return f.equals("txt")
                ? new DownloadFile(baseName + ".txt", "text/plain;charset=UTF-8", txt.write(document))
                : new DownloadFile(baseName + ".docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.write(document));
    }

    private DeliveredDocument document(MaterialView view) {
        List<DeliveredParagraph> paragraphs = new ArrayList<>();
        if (view.salutation() != null) {
            paragraphs.add(new DeliveredParagraph(DeliveredParagraph.Style.SALUTATION, view.salutation()));
        }
        for (Block block : view.blocks()) {
            paragraphs.add(switch (block) {
                case Heading h -> new DeliveredParagraph(headingStyle(h.level()), h.text());
                case Paragraph p -> new DeliveredParagraph(
                        p.closing() ? DeliveredParagraph.Style.CLOSING : DeliveredParagraph.Style.BODY, p.text());
            });
        }
        return new DeliveredDocument(view.material().title(), paragraphs, notice);
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
