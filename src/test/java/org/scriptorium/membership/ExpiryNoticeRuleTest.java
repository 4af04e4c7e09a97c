package org.scriptorium.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The expiry notice and the days left")
class ExpiryNoticeRuleTest {

    static final Instant START = Instant.parse("2026-01-01T02:00:00Z");
    static final Duration WINDOW = Duration.ofDays(1095);

    private static MembershipTerm term(Instant start, int days) {
        return MembershipTerm.of(start, Duration.ofDays(days), WINDOW);
    }

    private static final MembershipTerm YEAR = term(START, 365);
    private static final Instant END = START.plus(Duration.ofDays(365));

    @Test
    @DisplayName("is not due earlier than 7 days before the end of the period")
    void notYet() {
        assertThat(ExpiryNoticeRule.due(List.of(YEAR), END.minus(Duration.ofDays(7)).minusSeconds(1), Set.of())).isEmpty();
    }

    @Test
    @DisplayName("is due from 7 days before the end until the end, keyed by the end")
    void due() {
        assertThat(ExpiryNoticeRule.due(List.of(YEAR), END.minus(Duration.ofDays(7)), Set.of())).contains(END);
        assertThat(ExpiryNoticeRule.due(List.of(YEAR), END.minusSeconds(1), Set.of())).contains(END);
    }

    @Test
    @DisplayName("is not due once the period has ended, nor for a member with no term")
    void ended() {
        assertThat(ExpiryNoticeRule.due(List.of(YEAR), END, Set.of())).isEmpty();
        assertThat(ExpiryNoticeRule.due(List.of(), END, Set.of())).isEmpty();
    }

    @Test
    @DisplayName("is not due twice for the same end")
    void notTwice() {
        Instant first = END.minus(Duration.ofDays(7));
        Instant end = ExpiryNoticeRule.due(List.of(YEAR), first, Set.of()).orElseThrow();
        assertThat(ExpiryNoticeRule.due(List.of(YEAR), first.plus(Duration.ofDays(3)), Set.of(end))).isEmpty();
    }

    @Test
    @DisplayName("is due for the end of the continuous period, not for the end of each of its terms")
    void periodNotTerm() {
        MembershipTerm second = term(END, 365); // redeemed while active: placed at the end of the first
        assertThat(ExpiryNoticeRule.due(List.of(YEAR, second), END.minus(Duration.ofDays(3)), Set.of())).isEmpty();
        Instant newEnd = END.plus(Duration.ofDays(365));
        assertThat(ExpiryNoticeRule.due(List.of(YEAR, second), newEnd.minus(Duration.ofDays(2)), Set.of())).contains(newEnd);
    }

    @Test
    @DisplayName("is due again for a renewed term's new end, even after the old end was told")
    void renewed() {
        Instant told = END.minus(Duration.ofDays(5));
        MembershipTerm renewal = term(END, 30);
        Instant newEnd = END.plus(Duration.ofDays(30));
        assertThat(ExpiryNoticeRule.due(List.of(YEAR, renewal), told, Set.of(END))).isEmpty();
        assertThat(ExpiryNoticeRule.due(List.of(YEAR, renewal), newEnd.minus(Duration.ofDays(6)), Set.of(END)))
                .contains(newEnd);
    }

    @Test
    @DisplayName("days left count up: a full day, a part of a day and the last minute each count as a day")
    void daysLeft() {
        MembershipPeriod period = MembershipPeriods.merge(List.of(YEAR)).getFirst();
        assertThat(period.daysLeft(START)).isEqualTo(365);
        assertThat(period.daysLeft(END.minus(Duration.ofDays(7)))).isEqualTo(7);
        assertThat(period.daysLeft(END.minus(Duration.ofDays(6)).minusSeconds(1))).isEqualTo(7);
        assertThat(period.daysLeft(END.minusSeconds(60))).isEqualTo(1);
        assertThat(period.daysLeft(END)).isZero();
        assertThat(period.daysLeft(END.plus(Duration.ofDays(3)))).isZero();
    }

    @Test
    @DisplayName("days left run to the end of the whole continuous period")
    void daysLeftOfPeriod() {
        MembershipPeriod period = MembershipPeriods.activeAt(List.of(YEAR, term(END, 30)), END.minus(Duration.ofDays(1)))
                .orElseThrow();
        assertThat(period.daysLeft(END.minus(Duration.ofDays(1)))).isEqualTo(31);
    }
}
