package org.scriptorium.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;

/**
 * The typefaces the PDF writer sets a 公文 in. They come with the application (the build copies them out of Debian's
 * font packages into {@code fonts/} on the class path, see {@code pom.xml}), so PDFs need no font on the server.
 * GB/T 9704 asks for 小标宋, 仿宋, 黑体 and 楷体, of which no free simplified-Chinese cut can be fetched by the build; each
 * is stood in for by the nearest free TrueType face (see {@link Face}).
 *
 * <p>A font file inside a jar cannot be opened for random access, so it is copied once per run into a temporary
 * directory; run from {@code target/classes} (tests, {@code spring-boot:run}) the file is read where it is. Reading
 * through a file keeps the 43 MB of fonts out of the heap: the operating system caches what is read.
 */
final class PdfFonts {

    /** A typeface, with what it stands in for. */
    enum Face {
        /** AR PL UMing CN (明体/宋体, Arphic Public License): the title (for 小标宋), the body (for 仿宋), page numbers. */
        SERIF("uming.ttc", "UMingCN"),
        /** AR PL UKai CN (楷体, Arphic Public License): 二级 headings. */
        KAI("ukai.ttc", "UKaiCN"),
        /** WenQuanYi Micro Hei (黑体, Apache 2.0 or GPLv3 with font exception): 一级 headings and the notice. */
        SANS("wqy-microhei.ttc", "WenQuanYiMicroHei");

        final String file;
        final String postScriptName;

        Face(String file, String postScriptName) {
            this.file = file;
            this.postScriptName = postScriptName;
        }
    }

    private static final Map<Face, Path> FILES = new EnumMap<>(Face.class);
    private static Path copies;

    private PdfFonts() {
    }

    /**
     * The readable file of a bundled face.
     *
     * @throws IllegalStateException if the font is not on the class path (the build was skipped or failed)
     * @throws UncheckedIOException  if it cannot be copied out of the jar
     */
    static synchronized Path file(Face face) {
        Path known = FILES.get(face);
        if (known != null && Files.isReadable(known)) {
            return known;
        }
        URL url = PdfFonts.class.getResource("/fonts/" + face.file);
        if (url == null) {
            throw new IllegalStateException("the bundled font fonts/" + face.file + " is not on the class path: "
                    + "build with ./mvnw, whose fonts step fetches it (see pom.xml)");
        }
        Path path;
        try {
            if ("file".equals(url.getProtocol())) {
                path = Path.of(url.toURI());
            } else {
                if (copies == null || !Files.isDirectory(copies)) {
                    copies = Files.createTempDirectory("scriptorium-fonts");
                    copies.toFile().deleteOnExit();
                }
                path = copies.resolve(face.file);
                try (InputStream in = url.openStream()) {
                    Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
                }
                path.toFile().deleteOnExit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the bundled font " + face.file, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        FILES.put(face, path);
        return path;
    }

    /** One parse of every face, for one document at a time (FontBox reads tables lazily through one stream). */
    static final class FontSet {

        private final Map<Face, Parsed> faces = new EnumMap<>(Face.class);

        /** @throws IOException if a bundled font cannot be parsed */
        FontSet() throws IOException {
            try {
                for (Face face : Face.values()) {
                    faces.put(face, new Parsed(face));
                }
            } catch (IOException | RuntimeException e) {
                closeQuietly();
                throw e;
            }
        }

        Parsed get(Face face) {
            return faces.get(face);
        }

        void closeQuietly() {
            faces.values().forEach(Parsed::closeQuietly);
        }
    }

    /** One face of one {@link FontSet}: its font, cmap and advances. */
    static final class Parsed {

        final Face face;
        final TrueTypeFont ttf;
        private final TrueTypeCollection source;
        private final CmapLookup cmap;
        private final float unitsPerEm;
        private final Map<Integer, Float> advances = new HashMap<>();

        private Parsed(Face face) throws IOException {
            this.face = face;
            this.source = new TrueTypeCollection(file(face).toFile());
            try {
                this.ttf = source.getFontByName(face.postScriptName);
                if (ttf == null) {
                    throw new IOException(face.file + " has no font " + face.postScriptName);
                }
                this.cmap = ttf.getUnicodeCmapLookup();
                this.unitsPerEm = ttf.getUnitsPerEm();
            } catch (IOException | RuntimeException e) {
                source.close();
                throw e;
            }
        }

        boolean has(int codePoint) {
            return cmap != null && cmap.getGlyphId(codePoint) > 0;
        }

        /** The advance of a code point, in ems. */
        float advance(int codePoint) {
            return advances.computeIfAbsent(codePoint, cp -> {
                try {
                    return ttf.getAdvanceWidth(cmap.getGlyphId(cp)) / unitsPerEm;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        /** The natural width of a text at a size, in points. */
        double width(String text, float size) {
            return text.codePoints().mapToDouble(cp -> advance(cp) * size).sum();
        }

        void closeQuietly() {
            try {
                source.close();
            } catch (IOException e) {
                // Only a file handle is released; there is nothing to recover.
            }
        }
    }
}
