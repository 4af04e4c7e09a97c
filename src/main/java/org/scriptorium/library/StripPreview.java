package org.scriptorium.library;

import java.util.List;
import org.scriptorium.common.Rejected;

/**
 * What the cleaner would strip from a pasted text with given rules, for the rules page's "试一试" box. The one place
 * the page calls the parser, so that a change of how the parser takes its rules is made here alone.
 *
 * @param stripped the lines removed, with the rule and the reason
 * @param kept     how many non-blank lines remain
 * @param problem  why nothing remains (every line stripped), or null
 */
public record StripPreview(List<StrippedLine> stripped, int kept, String problem) {

    /** Longer texts are refused: the box is for trying a rule on a few lines, not for importing. */
    static final int MAX_CHARACTERS = 50_000;

    public StripPreview {
        stripped = List.copyOf(stripped);
    }

    /**
     * @throws Rejected 413 {@code TEXT_TOO_LONG} over {@value #MAX_CHARACTERS} characters
     */
    static StripPreview of(String text, List<NoticeRule> rules) {
        if (text != null && text.length() > MAX_CHARACTERS) {
            throw new Rejected(413, "TEXT_TOO_LONG", "试一试的文字不能超过 " + MAX_CHARACTERS + " 个字符。",
                    "The text to try must be at most " + MAX_CHARACTERS + " characters.");
        }
        try {
            ParsedMaterial parsed = new StructureParser().read(text == null ? "" : text, ImportContext.NONE, rules).parsed();
            return new StripPreview(parsed.strippedLines(), TextLines.nonBlankCount(parsed.body()), null);
        } catch (Rejected e) {
            return new StripPreview(List.of(), 0, e.chinese());
        }
    }
}
