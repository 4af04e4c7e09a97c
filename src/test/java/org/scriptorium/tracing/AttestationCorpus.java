package org.scriptorium.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.scriptorium.library.StructureParser;

/**
 * The real government documents variation rules are attested against: {@code src/test/resources/corpus/real} (see
 * its MANIFEST.tsv) and {@code src/test/resources/tracing/attestation} (see its SOURCES.tsv), as paragraphs.
 */
final class AttestationCorpus {

    static final List<Path> DIRECTORIES = List.of(Path.of("src/test/resources/corpus/real"),
            Path.of("src/test/resources/tracing/attestation"));

    private static List<String> paragraphs;

    private AttestationCorpus() {
    }

    /** Every paragraph of every document, in file order. */
    static synchronized List<String> paragraphs() {
        if (paragraphs == null) {
            StructureParser parser = new StructureParser();
            List<String> all = new ArrayList<>();
            for (Path dir : DIRECTORIES) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                        all.addAll(parser.parse(Files.readString(f)).paragraphs());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            paragraphs = List.copyOf(all);
        }
        return paragraphs;
    }
}
