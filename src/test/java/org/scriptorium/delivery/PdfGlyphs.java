package org.scriptorium.delivery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** Every glyph PDFBox finds in a PDF, with its page, place, size and font, for the layout tests. */
record PdfGlyphs(List<Glyph> glyphs) {

    /**
     * One glyph.
     *
     * @param page     1-based
     * @param x        its left edge, in points from the left of the page
     * @param baseline its baseline, in points from the top of the page
     * @param width    its advance, in points
     * @param size     its font size, in points
     * @param font     the font's name, such as {@code ABCDEF+UMingCN}
     */
    record Glyph(int page, String text, float x, float baseline, float width, float size, String font) {

        float right() {
            return x + width;
        }
    }

    static PdfGlyphs of(byte[] pdf) throws IOException {
        List<Glyph> glyphs = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition p) {
                    glyphs.add(new Glyph(getCurrentPageNo(), p.getUnicode(), p.getXDirAdj(), p.getYDirAdj(),
                            p.getWidthDirAdj(), p.getFontSizeInPt(), p.getFont().getName()));
                }
            };
            stripper.getText(doc);
        }
        return new PdfGlyphs(glyphs);
    }

    /** The glyphs of one size, such as 16 for the body text. */
    List<Glyph> sized(float size) {
        return glyphs.stream().filter(g -> Math.abs(g.size() - size) < 0.01f).toList();
    }

    /** The glyphs of a size grouped into lines, in page and then baseline order. */
    List<List<Glyph>> lines(float size) {
        Map<String, List<Glyph>> lines = new LinkedHashMap<>();
        for (Glyph g : sized(size)) {
            lines.computeIfAbsent(g.page() + "/" + Math.round(g.baseline() * 10), k -> new ArrayList<>()).add(g);
        }
        return List.copyOf(lines.values());
    }

    static String text(List<Glyph> line) {
        StringBuilder text = new StringBuilder();
        line.forEach(g -> text.append(g.text()));
        return text.toString();
    }

    int pages() {
        return glyphs.stream().mapToInt(Glyph::page).max().orElse(0);
    }
}
