package org.scriptorium.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RelevanceEvaluationTest {

    private static final String SET = """
            # a comment
            query	expected	category	note
            防汛讲话	demo:07,gen:12	unspaced	either speech
            2025年政府工作报告	real:A01	year
            党课	demo:08	partial-word	x
            乱码	demo:01	unspaced	x
            """;

    private final List<RelevanceEvaluation.JudgedQuery> queries = RelevanceEvaluation.parse(SET);

    @Test
    @DisplayName("a judged set is read past its comments and header, with every expected key of a row")
    void parses() {
        assertThat(queries).extracting(RelevanceEvaluation.JudgedQuery::query)
                .containsExactly("防汛讲话", "2025年政府工作报告", "党课", "乱码");
        assertThat(queries.getFirst().expected()).containsExactlyInAnyOrder("demo:07", "gen:12");
        assertThat(queries.get(1).note()).isEmpty();
        assertThatThrownBy(() -> RelevanceEvaluation.parse("query\texpected\tcategory\n防汛讲话\t\tunspaced\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("防汛讲话");
    }

    @Test
    @DisplayName("hits@1, hits@3 and MRR take the first of ANY expected key; nothing found counts as a zero result")
    void scores() {
        Map<String, List<String>> answers = Map.of(
                "防汛讲话", List.of("gen:99", "gen:12", "demo:07"), // rank 2
                "2025年政府工作报告", List.of("real:A01"), // rank 1
                "党课", List.of("a", "b", "c", "d", "demo:08"), // rank 5: not a hit at 3
                "乱码", List.of()); // nothing
        RelevanceEvaluation.Run run = RelevanceEvaluation.run("p", queries, answers::get);
        assertThat(run.outcomes()).extracting(RelevanceEvaluation.Outcome::rank).containsExactly(2, 1, 5, 0);
        RelevanceEvaluation.Metrics all = run.overall();
        assertThat(all.queries()).isEqualTo(4);
        assertThat(all.hitsAt1()).isEqualTo(0.25);
        assertThat(all.hitsAt3()).isEqualTo(0.5);
        assertThat(all.mrr()).isCloseTo((0.5 + 1 + 0.2 + 0) / 4, within(1e-9));
        assertThat(all.zeroResultRate()).isEqualTo(0.25);
        assertThat(run.byCategory()).containsOnlyKeys("unspaced", "year", "partial-word");
        assertThat(run.byCategory().get("unspaced").hitsAt3()).isEqualTo(0.5);
    }

    @Test
    @DisplayName("an expected key below rank 10 counts as not found")
    void depth() {
        List<String> eleven = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "real:A01");
        RelevanceEvaluation.Run run = RelevanceEvaluation.run("p", queries.subList(1, 2), q -> eleven);
        assertThat(run.outcomes().getFirst().rank()).isZero();
        assertThat(run.outcomes().getFirst().ranked()).hasSize(10);
        assertThat(run.overall().zeroResultRate()).isZero();
    }

    @Test
    @DisplayName("a query is worse in the product when the baseline has it in the top 3 and the product not, "
            + "or the baseline finds it in the top 10 and the product not at all; moves within the top 3 are allowed")
    void worse() {
        RelevanceEvaluation.Run baseline = RelevanceEvaluation.run("b", queries, Map.of(
                "防汛讲话", List.of("demo:07"), "2025年政府工作报告", List.of("x", "real:A01"),
                "党课", List.of("a", "b", "c", "d", "demo:08"), "乱码", List.of("a", "b", "c", "d", "demo:01"))::get);
        RelevanceEvaluation.Run product = RelevanceEvaluation.run("p", queries, Map.of(
                "防汛讲话", List.of("x", "y", "gen:12"), // 1 → 3: allowed
                "2025年政府工作报告", List.of("a", "b", "c", "real:A01"), // 2 → 4: lost the top 3
                "党课", List.of("a", "b", "c", "d", "e", "demo:08"), // 5 → 6: allowed
                "乱码", List.<String>of())::get); // 5 → none: lost
        assertThat(RelevanceEvaluation.worse(product, baseline)).extracting(pair -> pair[0].query().query())
                .containsExactly("2025年政府工作报告", "乱码");
        assertThat(RelevanceEvaluation.lower(product, baseline)).hasSize(4);
        assertThat(RelevanceEvaluation.table(product, baseline))
                .contains("| **all** | 4 | 0 % / 25 % | 25 % / 50 % |").contains("| 乱码 | unspaced | 0 | 5 |");
    }
}
