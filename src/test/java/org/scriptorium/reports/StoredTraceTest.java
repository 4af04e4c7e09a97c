package org.scriptorium.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.tracer.TraceResult;

@DisplayName("A trace stored with a case")
class StoredTraceTest {

    /** As the tracer of issue 4 wrote it into reports.trace_json, before notes, pointers and the evidence summary. */
    private static final String BEFORE_ISSUE_11 = """
            {"verdict":"ACCUSE","reason":null,"materials":[{"materialId":"m1","revision":1,"title":"讲话","coverage":0.97}],
             "suspects":[{"userId":"u1","memberNumber":100001,"email":"a@b.example","score":41.5,
             "falseAccusationBound":2.0E-12,"layers":{"robust":{"score":41.5,"positions":120,"bound":3.0E-11},
             "fragilePayloads":12,"fileTokens":1}}],"threshold":1.0E-6}""";

    @Test
    @DisplayName("written before issue 11 still reads, with empty notes and pointers and no evidence summary")
    void oldCasesStillRead() {
        TraceResult old = CaseViews.readTrace(BEFORE_ISSUE_11);
        assertThat(old.verdict()).isEqualTo(TraceResult.Verdict.ACCUSE);
        assertThat(old.suspects().getFirst().layers().fragilePayloads()).isEqualTo(12);
        assertThat(old.suspects().getFirst().parts()).isEmpty();
        assertThat(old.notes()).isEmpty();
        assertThat(old.pointers()).isEmpty();
        assertThat(old.evidence()).isNull();
        assertThat(old.materials().getFirst().positions()).isZero();
    }

    @Test
    @DisplayName("written now reads back equal")
    void roundTrip() {
        TraceResult result = new TraceResult(TraceResult.Verdict.INCONCLUSIVE, "证据不足",
                java.util.List.of(new TraceResult.SourceMaterial("m1", 2, "讲话", 0.5, false, 40, 900, true, null)),
                java.util.List.of(), 1e-6, java.util.List.of(new TraceResult.Note("MORE_TEXT_NEEDED", "约需再多 900 字")),
                java.util.List.of(new TraceResult.Pointer("FRAGILE", 7, "u7", "c@d.example", "m1", "讲话", 2, "粘贴的文本",
                        true, null)), new TraceResult.ReporterCheck("u9", 30, 12.0, 0.002, true),
                new TraceResult.EvidenceSummary(3, 1, 120, 40, 0, 2e-4));
        assertThat(CaseViews.readTrace(new CaseViews(null, null, null).traceJson(result))).isEqualTo(result);
    }
}
