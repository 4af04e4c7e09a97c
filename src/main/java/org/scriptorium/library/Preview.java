package org.scriptorium.library;

import java.util.List;

/** The beginning of a material that a reader who may not read it is shown. */
final class Preview {

    /** Appended when the preview stops inside the text; not part of the text. */
    static final String MORE = "……";

    private Preview() {
    }

    /**
     * The first blocks of the body, one a line, cut at the smaller of {@code maxCharacters} and a third of the body's
     * {@code characters}: a short piece is never given away, however short. The limit counts every character of the
     * preview, line breaks included, against the body's non-whitespace characters, so it errs on the short side.
     *
     * @param blocks     the body's headings and paragraphs in order
     * @param characters the body's non-whitespace characters ({@link ParsedMaterial#characters()})
     */
    static String of(List<String> blocks, int characters, int maxCharacters) {
        int limit = Math.max(0, Math.min(maxCharacters, characters / 3));
        StringBuilder preview = new StringBuilder();
        for (String text : blocks) {
            if (!preview.isEmpty()) {
                preview.append('\n');
            }
            preview.append(text);
            if (preview.length() >= limit) {
                break;
            }
        }
        if (preview.length() > limit) {
            return preview.substring(0, limit) + MORE;
        }
        return preview.toString();
    }
}
