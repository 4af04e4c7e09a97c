package org.scriptorium.delivery;

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
 */
public record DeliveredDocument(String title, List<DeliveredParagraph> paragraphs, String notice) {

    /** @throws NullPointerException if {@code title}, {@code paragraphs} or one of them is {@code null} */
    public DeliveredDocument {
        Objects.requireNonNull(title, "title");
        paragraphs = List.copyOf(paragraphs);
    }

    /** Whether there is a notice to print. */
    public boolean hasNotice() {
        return notice != null && !notice.isBlank();
    }
}
