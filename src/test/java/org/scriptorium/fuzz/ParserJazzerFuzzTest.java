package org.scriptorium.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.scriptorium.library.DocumentReaderFuzz;
import org.scriptorium.library.StructureParserFuzz;
import org.scriptorium.membership.ActivationCodeFuzz;
import org.scriptorium.support.fuzz.FuzzTarget;
import org.scriptorium.support.fuzz.Fuzzer;
import org.scriptorium.support.fuzz.QuietLibraries;
import org.scriptorium.tracer.LeakIntakeFuzz;

/**
 * The same targets as {@link ParserFuzzTest}, under Jazzer's coverage-guided fuzzing, each input
 * under the same limits ({@link Fuzzer#once}). Left out of the build ({@code excludedGroups=jazzer} in
 * {@code pom.xml}), because Jazzer's agent instruments every class loaded after it; with
 * {@code -DexcludedGroups=none} and no {@code JAZZER_FUZZ} each method replays only the inputs stored under
 * {@code src/test/resources/org/scriptorium/fuzz/ParserJazzerFuzzTestInputs/} (its findings) and an empty input.
 * To fuzz one target for 5 minutes (instrumenting the libraries too):
 *
 * <pre>JAZZER_FUZZ=1 ./mvnw -o test -Dtest='ParserJazzerFuzzTest#leakIntake' -DexcludedGroups=none -Dscriptorium.services.skip=true \
 *     "-DargLine=-Xmx2g -Djazzer.instrumentation_includes=org.scriptorium.**:org.apache.pdfbox.**:org.apache.poi.**"</pre>
 *
 * Before fuzzing starts, the targets' seeds are written to Jazzer's corpus directory
 * ({@code .cifuzz-corpus/}, not committed), so that the fuzzer starts from real documents.
 */
@ExtendWith(QuietLibraries.class)
class ParserJazzerFuzzTest {

    private static final DocumentReaderFuzz DOCUMENTS = new DocumentReaderFuzz();
    private static final StructureParserFuzz STRUCTURE = new StructureParserFuzz();
    private static final LeakIntakeFuzz LEAKS = new LeakIntakeFuzz();
    private static final ActivationCodeFuzz CODES = new ActivationCodeFuzz();
    /**
     * Jazzer instruments each class on the thread that first loads it, and that allocates hundreds of MB
     * (a 394-byte PDF "allocated" 868 MB in Jazzer and 12 MB without): allocation is checked by
     * {@link ParserFuzzTest}; here the JVM's heap limit ({@code -Xmx}) catches a real blow-up as an
     * {@link OutOfMemoryError}, which is a finding too.
     */
    private static final Fuzzer.Limits LIMITS = new Fuzzer.Limits(Fuzzer.Limits.DEFAULT.cpuPerInput(),
            Fuzzer.Limits.DEFAULT.wallPerInput(), Long.MAX_VALUE);

    @BeforeAll
    static void writeSeeds() {
        if (System.getenv("JAZZER_FUZZ") == null) {
            return;
        }
        seed("documentReader", DOCUMENTS);
        seed("structureParser", STRUCTURE);
        seed("leakIntake", LEAKS);
        seed("activationCode", CODES);
    }

    @FuzzTest(maxDuration = "5m")
    void documentReader(byte[] input) {
        Fuzzer.once(DOCUMENTS, input, LIMITS);
    }

    @FuzzTest(maxDuration = "5m")
    void structureParser(byte[] input) {
        Fuzzer.once(STRUCTURE, input, LIMITS);
    }

    @FuzzTest(maxDuration = "5m")
    void leakIntake(byte[] input) {
        Fuzzer.once(LEAKS, input, LIMITS);
    }

    @FuzzTest(maxDuration = "5m")
    void activationCode(byte[] input) {
        Fuzzer.once(CODES, input, LIMITS);
    }

    private static void seed(String method, FuzzTarget target) {
        Path corpus = Path.of(".cifuzz-corpus", ParserJazzerFuzzTest.class.getName(), method);
        try {
            Files.createDirectories(corpus);
            List<byte[]> seeds = target.seeds();
            for (int i = 0; i < seeds.size(); i++) {
                Path file = corpus.resolve("seed-" + i);
                if (!Files.exists(file)) {
                    Files.write(file, seeds.get(i));
                }
                // load (and let Jazzer instrument) the classes each seed reaches before inputs are timed
                try {
                    target.accept(seeds.get(i));
                } catch (RuntimeException | AssertionError ignored) {
                    // a finding is reported when the fuzzer runs the seed
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
