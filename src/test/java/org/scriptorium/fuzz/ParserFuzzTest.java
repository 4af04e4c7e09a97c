package org.scriptorium.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;


import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scriptorium.library.DocumentReaderFuzz;
import org.scriptorium.library.StructureParserFuzz;
import org.scriptorium.membership.ActivationCodeFuzz;
import org.scriptorium.support.fuzz.FuzzTarget;
import org.scriptorium.support.fuzz.Fuzzer;
import org.scriptorium.support.fuzz.QuietLibraries;
import org.scriptorium.tracer.LeakIntakeFuzz;

/**
 * A short, seeded and deterministic fuzz run of every parser that reads what users upload or type: each
 * seed once (real documents, demo materials, generated and hostile DOCX and PDF files), then mutants.
 *
 * <p>The same test is the long run: {@code -Dfuzz.executions=250000} runs that many inputs per parser
 * (see docs/BENCHMARKS.md; {@code -Dfuzz.executions.leak-intake=…} for one parser), {@code -Dfuzz.seed=…} another sequence of mutants, {@code -Dfuzz.target=pdf…}
 * only the targets whose name contains that text.
 */
@ExtendWith(QuietLibraries.class)
class ParserFuzzTest {

    /** Per parser in the build: seeds plus a few hundred mutants, a few seconds in all. */
    private static final long EXECUTIONS = Long.getLong("fuzz.executions", 400);
    private static final long SEED = Long.getLong("fuzz.seed", 20261206L);
    private static final String ONLY = System.getProperty("fuzz.target", "");

    static Stream<FuzzTarget> targets() {
        return Stream.<FuzzTarget>of(new DocumentReaderFuzz(), new StructureParserFuzz(), new LeakIntakeFuzz(),
                new ActivationCodeFuzz()).filter(t -> t.name().contains(ONLY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @DisplayName("no parser throws anything but its documented rejections, hangs over 2 s or allocates over 512 MB on one input")
    void onlyDocumentedRejections(FuzzTarget target) {
        long executions = Long.getLong("fuzz.executions." + target.name(), EXECUTIONS);
        Fuzzer.Report report = Fuzzer.run(target, executions, SEED, Fuzzer.Limits.DEFAULT);
        System.out.println(report.summary());

        assertThat(report.findings()).as(report.summary()).isEmpty();
        assertThat(report.executions()).isGreaterThanOrEqualTo(executions);
    }

}
