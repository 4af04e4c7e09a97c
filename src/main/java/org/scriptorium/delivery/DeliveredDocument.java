package org.scriptorium.delivery;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a reader receives, already decided and assembled: the caller has checked entitlement and
 * applied the marks, so writers only lay it out.
 *
 * @param title      the material's title; never {@code null}
 * @param paragraphs the paragraphs in reading order; never {@code null}, may be empty (copied)
 * @param notice     the platform's line for every copy, such as
 *                   {@code "本文为会员 100001 的个人副本，含可追溯标记，外传必究 · 笔杆子文库"} (see
 *                   {@link PersonalisedCopies}); {@code null} or blank for none
 * @param layout     how a file is set: {@link Layout#OFFICIAL} (GB/T 9704) or {@link Layout#READING}; never
 *                   {@code null}. Plain text ignores it.
 * @param letterhead the 版头 and 版记 to print around an official document; {@code null} for none
 */
public record DeliveredDocument(String title, List<DeliveredParagraph> paragraphs, String notice, Layout layout,
                                Letterhead letterhead) {

    /**
     * @throws NullPointerException if {@code title}, {@code paragraphs}, one of them or {@code layout} is {@code null}
     */
    public DeliveredDocument {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(layout, "layout");
        paragraphs = List.copyOf(paragraphs);
    }

    /** An official-layout document without a letterhead. */
    public DeliveredDocument(String title, List<DeliveredParagraph> paragraphs, String notice) {
        this(title, paragraphs, notice, Layout.OFFICIAL, null);
    }

    /** Whether there is a notice to print. */
    public boolean hasNotice() {
        return notice != null && !notice.isBlank();
    }

    /** Whether a 版头 and 版记 are to be printed. */
    public boolean hasLetterhead() {
        return letterhead != null;
    }

    /** The same document in another layout. */
    public DeliveredDocument withLayout(Layout newLayout) {
        return new DeliveredDocument(title, paragraphs, notice, newLayout, letterhead);
    }

    /** The same document with a 版头 and 版记; {@code null} for none. */
    public DeliveredDocument withLetterhead(Letterhead newLetterhead) {
        return new DeliveredDocument(title, paragraphs, notice, layout, newLetterhead);
    }

    /** How a file is laid out. */
    public enum Layout {
        /**
         * 公文格式, after GB/T 9704-2012: A4, 版心 156 × 225 mm, 22 lines of 28 characters, 二号 小标宋 title, 三号 仿宋
         * body, 黑体/楷体/仿宋 headings, page numbers {@code — 1 —}.
         */
        OFFICIAL,
        /** 阅读格式: the same text for reading and editing on screen, without the official page grid. */
        READING
    }

    /**
     * The elements an official document prints above and below its text, as read at import.
     *
     * @param issuer         发文机关 (printed as the red 发文机关标志, {@code 某某县人民政府文件}); never blank
     * @param documentNumber 发文字号, such as {@code 青政发〔2025〕3号}; never blank
     * @param printedBy      印发机关 of the 版记; {@code null} to print the issuer
     * @param issuedOn       成文日期, which the 版记 also gives as the 印发日期; {@code null} if unknown
     */
    public record Letterhead(String issuer, String documentNumber, String printedBy, LocalDate issuedOn) {

        /** @throws IllegalArgumentException if the issuer or the document number is blank */
        public Letterhead {
            if (issuer == null || issuer.isBlank() || documentNumber == null || documentNumber.isBlank()) {
                throw new IllegalArgumentException("a letterhead needs an issuer and a document number");
            }
        }

        /** The 版记's 印发机关: the one given, or the issuer. */
        public String printer() {
            return printedBy == null || printedBy.isBlank() ? issuer : printedBy;
        }
    }
}
