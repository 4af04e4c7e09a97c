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

    /**
     * What the reader chose for the file besides its format.
     *
     * @param layout     公文格式 or 阅读格式 (DOCX only: a PDF is always official, plain text has no layout); never
     *                   {@code null}
     * @param letterhead whether to print the 版头 and 版记 of a 通知, 意见 or 方案 whose 发文机关 and 发文字号 were read
     *                   at import
     */
    public record Options(DeliveredDocument.Layout layout, boolean letterhead) {

        /** The official layout, without a letterhead. */
        public static final Options DEFAULT = new Options(DeliveredDocument.Layout.OFFICIAL, false);

        public Options {
            java.util.Objects.requireNonNull(layout, "layout");
        }

        /**
         * The options as the download link gives them.
         *
         * @param layout     {@code official} (default) or {@code reading}, any case; {@code null} or blank for the
         *                   default
         * @param letterhead whether a letterhead was asked for
         * @throws Rejected 422 {@code UNSUPPORTED_LAYOUT} for another layout
         */
        public static Options of(String layout, boolean letterhead) {
            String l = layout == null ? "" : layout.strip().toLowerCase(Locale.ROOT);
            DeliveredDocument.Layout chosen = switch (l) {
                case "", "official" -> DeliveredDocument.Layout.OFFICIAL;
                case "reading" -> DeliveredDocument.Layout.READING;
                default -> throw Rejected.invalid("UNSUPPORTED_LAYOUT", "版式只能是 official（公文格式）或 reading（阅读格式）。",
                        "The layout is official or reading.");
            };
            return new Options(chosen, letterhead);
        }
    }


    private final MaterialAccess access;
    private final List<DownloadPolicy> policies;
    private final TxtWriter txt = new TxtWriter();
    private final DocxWriter docx = new DocxWriter();
    private final PdfWriter pdf;

    Downloads(MaterialAccess access, List<DownloadPolicy> policies) {
        this.access = access;
        this.policies = List.copyOf(policies);
        this.pdf = new PdfWriter();
    }

    /**
     * The material as a file in the given format.
     *
     * @throws Rejected 401/403 when the reader is not entitled, 404 for an unknown material, 422 for an unknown format,
     *                  and whatever a {@link DownloadPolicy} refuses with (429 beyond the daily cap)
     */
    public DownloadFile download(String materialId, String format, Optional<String> userId) {
        return download(materialId, format, Options.DEFAULT, userId, FillIns.NONE);
    }

    /**
     * The material as a file in the given format, laid out as the reader chose, its placeholders filled with the
     * reader's values ({@link FillIns}) after the copy's marks are placed.
     *
     * @throws Rejected as {@link #download(String, String, Optional)}, and 422 {@code LETTERHEAD_UNAVAILABLE} when a
     *                  letterhead is asked for a material that has none (not a 通知, 意见 or 方案, or no 发文机关 and
     *                  发文字号 read at import); nothing is delivered then
     */
    public DownloadFile download(String materialId, String format, Options options, Optional<String> userId,
                                 FillIns fillIns) {
        String f = format == null ? "txt" : format.strip().toLowerCase(Locale.ROOT);
        Copies.Channel channel = switch (f) {
            case "txt" -> Copies.Channel.TXT;
            case "docx" -> Copies.Channel.DOCX;
            case "pdf" -> Copies.Channel.PDF;
            default -> throw Rejected.invalid("UNSUPPORTED_FORMAT", "可下载的格式为 txt、docx 和 pdf。",
                    "Downloads are available as txt, docx or pdf.");
        };
        userId.ifPresent(id -> policies.forEach(policy -> policy.check(id, materialId)));
        // Checked before the copy is made, so a refused letterhead delivers nothing: the elements are public (the
        // 公文要素 box shows them to every reader), and entitlement is still decided by fullView below.
        DeliveredDocument.Letterhead letterhead = options.letterhead() && channel != Copies.Channel.TXT
                ? letterhead(access.memberPreview(materialId)).orElseThrow(() -> new Rejected(422,
                        "LETTERHEAD_UNAVAILABLE", "此资料不是带发文机关和发文字号的通知、意见或方案，不能加版头。",
                        "Only a notice, opinion or plan with an issuer and a document number read at import has a letterhead."))
                : null;
        MaterialView view = access.fullView(materialId, userId, channel);
        DeliveredDocument document = fillIns.applyTo(document(view)).withLayout(channel == Copies.Channel.DOCX
                ? options.layout() : DeliveredDocument.Layout.OFFICIAL).withLetterhead(letterhead);
        FileTrace trace = new FileTrace(view.fileToken());
        String baseName = safeFileName(view.material().title());
        return switch (channel) {
            case TXT -> new DownloadFile(baseName + ".txt", "text/plain;charset=UTF-8", txt.write(document));
            case DOCX -> new DownloadFile(baseName + ".docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.write(document, trace));
            default -> new DownloadFile(baseName + ".pdf", "application/pdf", pdf.write(document, trace));
        };
    }

    /** The 版头 and 版记 of a 通知, 意见 or 方案 whose issuer and document number were read at import. */
    static Optional<DeliveredDocument.Letterhead> letterhead(MaterialView view) {
        var elements = view.elements();
        if (!view.letterheadAvailable()) {
            return Optional.empty();
        }
        return Optional.of(new DeliveredDocument.Letterhead(elements.issuer().strip(),
                elements.documentNumber().strip(), null, elements.issuedOn()));
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
