package org.scriptorium.delivery;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures what a PDF copy costs; prints, asserts nothing. Run with
 * {@code ./mvnw -o test -Dtest=PdfWriterCostTest -Dscriptorium.measure=true -Dscriptorium.services.skip=true}.
 */
@DisplayName("PDF writer cost")
@EnabledIfSystemProperty(named = "scriptorium.measure", matches = "true")
class PdfWriterCostTest {

    @Test
    @DisplayName("a 10,000-character material, after warm-up")
    void tenThousandCharacters() {
        PdfWriter writer = new PdfWriter(TestFonts.wenQuanYi());
        DeliveredDocument doc = Reports.longReport(10_000);
        FileTrace trace = new FileTrace("3f9a0c1e77d24b5a8e6c0d1f2a3b4c5d");
        for (int i = 0; i < 30; i++) {
            writer.write(doc, trace);
        }
        int runs = 50;
        long[] nanos = new long[runs];
        int size = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            size = writer.write(doc, trace).length;
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("PDF of %d characters: median %.1f ms, p90 %.1f ms, min %.1f ms, %d bytes%n",
                doc.paragraphs().stream().mapToInt(p -> p.text().length()).sum(),
                nanos[runs / 2] / 1e6, nanos[runs * 9 / 10] / 1e6, nanos[0] / 1e6, size);
    }
}
