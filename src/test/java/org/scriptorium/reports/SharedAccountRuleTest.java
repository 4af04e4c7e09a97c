package org.scriptorium.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The shared-account rule")
class SharedAccountRuleTest {

    private final SharedAccountRule rule = new SharedAccountRule(5, 5);

    private static List<SharedAccountRule.Use> uses(int addresses, int agents) {
        List<SharedAccountRule.Use> uses = new ArrayList<>();
        for (int i = 0; i < Math.max(addresses, agents) * 3; i++) {
            uses.add(new SharedAccountRule.Use("10.0.0." + (i % addresses), "Agent " + (i % agents)));
        }
        return uses;
    }

    @Test
    @DisplayName("leaves a member with a phone and a computer on a few networks alone")
    void ordinaryMember() {
        assertThat(rule.judge(uses(3, 2))).isEmpty();
        assertThat(rule.judge(uses(5, 5))).isEmpty();
    }

    @Test
    @DisplayName("finds more than five addresses within the window")
    void manyAddresses() {
        assertThat(rule.judge(uses(6, 1))).contains(new SharedAccountRule.Finding(6, 1));
    }

    @Test
    @DisplayName("finds more than five browsers or devices within the window")
    void manyAgents() {
        assertThat(rule.judge(uses(1, 9))).contains(new SharedAccountRule.Finding(1, 9));
    }

    @Test
    @DisplayName("does not count deliveries whose origin is unknown")
    void unknownOrigins() {
        List<SharedAccountRule.Use> unknown = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            unknown.add(new SharedAccountRule.Use(null, null));
        }
        assertThat(rule.judge(unknown)).isEmpty();
    }
}
