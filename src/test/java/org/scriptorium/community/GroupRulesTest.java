package org.scriptorium.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.membership.MembershipTerm;
import org.scriptorium.membership.Reader;

/** The groups' rules, without Spring: who may enter, mutes, and the rate of posting. */
class GroupRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final MembershipTerm ACTIVE = new MembershipTerm(NOW.minus(Duration.ofDays(10)),
            NOW.plus(Duration.ofDays(20)), Duration.ofDays(365));
    private static final MembershipTerm ENDED = new MembershipTerm(NOW.minus(Duration.ofDays(40)),
            NOW.minus(Duration.ofSeconds(1)), Duration.ofDays(365));

    private static Reader member(MembershipTerm... terms) {
        return new Reader.SignedIn(List.of(terms), false, false);
    }

    @Test
    @DisplayName("a members' group is open to an active membership and closed once the term has ended")
    void membersGroup() {
        assertThat(GroupAccessRule.decide(GroupKind.MEMBERS, member(ACTIVE), false, NOW)).isEqualTo(GroupAccessRule.Verdict.OPEN);
        assertThat(GroupAccessRule.decide(GroupKind.MEMBERS, member(ENDED), false, NOW))
                .isEqualTo(GroupAccessRule.Verdict.NO_MEMBERSHIP);
        assertThat(GroupAccessRule.decide(GroupKind.MEMBERS, member(), false, NOW))
                .isEqualTo(GroupAccessRule.Verdict.NO_MEMBERSHIP);
        assertThat(GroupAccessRule.decide(GroupKind.MEMBERS, member(ACTIVE), false, ACTIVE.endsAt()))
                .as("at the end instant itself").isEqualTo(GroupAccessRule.Verdict.NO_MEMBERSHIP);
    }

    @Test
    @DisplayName("a free group is open to any signed-in account, not to a suspended, removed or signed-out one")
    void freeGroup() {
        assertThat(GroupAccessRule.decide(GroupKind.FREE, member(), false, NOW)).isEqualTo(GroupAccessRule.Verdict.OPEN);
        assertThat(GroupAccessRule.decide(GroupKind.FREE, new Reader.SignedIn(List.of(ACTIVE), true, false), false, NOW))
                .isEqualTo(GroupAccessRule.Verdict.SUSPENDED);
        assertThat(GroupAccessRule.decide(GroupKind.FREE, member(ACTIVE), true, NOW)).isEqualTo(GroupAccessRule.Verdict.REMOVED);
        assertThat(GroupAccessRule.decide(GroupKind.FREE, new Reader.Anonymous(), false, NOW))
                .isEqualTo(GroupAccessRule.Verdict.SIGNED_OUT);
        assertThat(GroupAccessRule.Verdict.REMOVED.reason()).contains("移出");
    }

    @Test
    @DisplayName("staff always enter, with or without a membership, even marked removed")
    void staffAlways() {
        Reader staff = new Reader.SignedIn(List.of(), false, true);
        assertThat(GroupAccessRule.decide(GroupKind.MEMBERS, staff, true, NOW)).isEqualTo(GroupAccessRule.Verdict.OPEN);
        assertThat(GroupAccessRule.decide(GroupKind.FREE, staff, false, NOW)).isEqualTo(GroupAccessRule.Verdict.OPEN);
    }

    @Test
    @DisplayName("a mute runs until its end, exclusive, and must last 1 minute to 365 days")
    void mute() {
        Sanction muted = Sanction.NONE.mute(NOW, Duration.ofMinutes(30), "刷屏");
        assertThat(muted.mutedAt(NOW)).isTrue();
        assertThat(muted.mutedAt(NOW.plus(Duration.ofMinutes(30)).minusMillis(1))).isTrue();
        assertThat(muted.mutedAt(NOW.plus(Duration.ofMinutes(30)))).isFalse();
        assertThat(muted.muteReason()).isEqualTo("刷屏");
        assertThat(Sanction.NONE.mutedAt(NOW)).isFalse();
        assertThatThrownBy(() -> Sanction.NONE.mute(NOW, Duration.ofSeconds(30), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sanction.NONE.mute(NOW, Duration.ofDays(366), "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("ten messages a minute: the eleventh waits until the oldest of the ten is a minute old")
    void rate() {
        MessageRateRule rule = new MessageRateRule(10, Duration.ofMinutes(1));
        List<Instant> nine = java.util.stream.IntStream.range(0, 9).mapToObj(i -> NOW.minusSeconds(i)).toList();
        assertThat(rule.wait(nine, NOW)).isEmpty();
        List<Instant> ten = java.util.stream.IntStream.range(0, 10).mapToObj(i -> NOW.minusSeconds(i * 5L)).toList();
        // newest first: the tenth was 45 s ago, so one more may come in 15 s
        assertThat(rule.wait(ten, NOW)).contains(Duration.ofSeconds(15));
        assertThat(rule.wait(ten, NOW.plusSeconds(15))).isEmpty();
        List<Instant> spread = java.util.stream.IntStream.range(0, 10).mapToObj(i -> NOW.minusSeconds(10L + i * 10)).toList();
        assertThat(rule.wait(spread, NOW)).as("ten within 100 s, not within the minute").isEmpty();
    }
}
