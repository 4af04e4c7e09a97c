package org.scriptorium.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The reward rule")
class RewardRuleTest {

    private final RewardRule rule = new RewardRule();

    @Test
    @DisplayName("rewards a report that names a leaker no rewarded case named before")
    void rewarded() {
        assertThat(rule.decide("reporter", Set.of("leaker"), Set.of())).isEqualTo(Outcome.REWARDED);
        assertThat(rule.decide("reporter", Set.of("leaker"), Set.of("someone-else"))).isEqualTo(Outcome.REWARDED);
    }

    @Test
    @DisplayName("marks a repeat, earning nothing, when every leaker was already named in a rewarded case")
    void repeat() {
        assertThat(rule.decide("second-reporter", Set.of("leaker"), Set.of("leaker"))).isEqualTo(Outcome.REPEAT);
        assertThat(rule.decide("reporter", Set.of("a", "b"), Set.of("a", "b", "c"))).isEqualTo(Outcome.REPEAT);
    }

    @Test
    @DisplayName("still rewards a report that names a new leaker beside one already rewarded")
    void newLeakerBesideOld() {
        assertThat(rule.decide("reporter", Set.of("old", "new"), Set.of("old"))).isEqualTo(Outcome.REWARDED);
    }

    @Test
    @DisplayName("gives nothing for a self-report: the only suspect is the reporter")
    void selfReport() {
        assertThat(rule.decide("reporter", Set.of("reporter"), Set.of())).isEqualTo(Outcome.SELF_REPORT);
    }

    @Test
    @DisplayName("gives nothing to a reporter who is one of several leakers, even if the others are new")
    void reporterAmongLeakers() {
        assertThat(rule.decide("reporter", Set.of("reporter", "friend"), Set.of())).isEqualTo(Outcome.SELF_REPORT);
    }

    @Test
    @DisplayName("has no one to reward for a signal")
    void signal() {
        assertThat(rule.decide(null, Set.of("member"), Set.of())).isEqualTo(Outcome.NO_REPORTER);
    }

    @Test
    @DisplayName("refuses a case that names no leaker")
    void noLeaker() {
        assertThatThrownBy(() -> rule.decide("reporter", Set.of(), Set.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
