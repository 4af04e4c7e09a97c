package org.scriptorium.library;

import java.util.List;
import org.scriptorium.membership.Access;

/**
 * A material as one reader may see it. The text ({@link #blocks}, {@link #text}) is present only when the
 * reader is entitled to the full text; otherwise {@link #preview} holds a short beginning.
 *
 * @param outline  the headings, shown to everyone
 * @param blocks   the body as headings and paragraphs; empty unless entitled
 * @param text     the cleaned full text, one paragraph per line; null unless entitled
 * @param preview  the beginning of the body, at most 300 characters and a third of the text ({@code Preview}); null when entitled
 * @param notice   the visible notice of the reader's copy ("本文为会员 100001 的个人副本，…"); null unless entitled
 * @param fileToken the token that files made from this copy carry; null unless entitled
 * @param elements the 公文 elements (发文字号, 主送机关, 落款, 成文日期, 附件说明): metadata shown to everyone who sees the
 *                 outline; {@link OfficialElements#NONE} when none was found
 */
public record MaterialView(
        Material material,
        int revision,
        String salutation,
        List<Heading> outline,
        List<PlaceholderCount> placeholders,
        int characters,
        int points,
        Access access,
        List<Block> blocks,
        String text,
        String preview,
        String notice,
        String fileToken,
        OfficialElements elements) {

    public MaterialView {
        elements = elements == null ? OfficialElements.NONE : elements;
        outline = List.copyOf(outline);
        placeholders = List.copyOf(placeholders);
        blocks = List.copyOf(blocks);
    }

    /** Whether downloads may carry a 版头 and 版记 ({@link OfficialElements#letterheadFor(String)}). */
    public boolean letterheadAvailable() {
        return elements.letterheadFor(material.kind());
    }

    public boolean entitled() {
        return access.full();
    }
}
