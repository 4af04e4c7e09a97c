package org.scriptorium.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Membership periods")
class MembershipPeriodsTest {

    static final Instant JAN_1 = Instant.parse("2025-01-01T00:00:00Z");
    static final Duration YEAR = Duration.ofDays(365);
    static final Duration MONTH = Duration.ofDays(30);
    static final Duration WINDOW = Duration.ofDays(3 * 365);

    static MembershipTerm term(Instant start, Duration length) {
        return MembershipTerm.of(start, length, WINDOW);
    }

    @Nested
    @DisplayName("a membership term")
    class Terms {

        @Test
        @DisplayName("is rejected when it ends before it starts")
        void endsBeforeStart() {
            assertThatThrownBy(() -> new MembershipTerm(JAN_1, JAN_1.minusSeconds(1), WINDOW))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("is rejected when it ends the instant it starts")
        void empty() {
            assertThatThrownBy(() -> new MembershipTerm(JAN_1, JAN_1, WINDOW))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MembershipTerm.of(JAN_1, Duration.ZERO, WINDOW))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("is rejected with a negative back-catalogue window")
        void negativeWindow() {
            assertThatThrownBy(() -> new MembershipTerm(JAN_1, JAN_1.plus(YEAR), Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("may have no back catalogue at all")
        void zeroWindow() {
            assertThat(new MembershipTerm(JAN_1, JAN_1.plus(YEAR), Duration.ZERO).backCatalog()).isZero();
        }

        @Test
        @DisplayName("is rejected with a missing instant")
        void missing() {
            assertThatThrownBy(() -> new MembershipTerm(null, JAN_1, WINDOW)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    @DisplayName("a period")
    class Periods {

        MembershipPeriod period = new MembershipPeriod(JAN_1, JAN_1.plus(YEAR), WINDOW);

        @Test
        @DisplayName("is active from its anchor, inclusive")
        void activeFromAnchor() {
            assertThat(period.isActiveAt(JAN_1)).isTrue();
            assertThat(period.isActiveAt(JAN_1.minusSeconds(1))).isFalse();
        }

        @Test
        @DisplayName("has expired at its end instant and is active one second before")
        void expiresAtEnd() {
            assertThat(period.isActiveAt(JAN_1.plus(YEAR))).isFalse();
            assertThat(period.isActiveAt(JAN_1.plus(YEAR).minusSeconds(1))).isTrue();
        }

        @Test
        @DisplayName("opens the back catalogue from anchor minus window")
        void backCatalogFrom() {
            assertThat(period.backCatalogFrom()).isEqualTo(JAN_1.minus(WINDOW));
        }

        @Test
        @DisplayName("with a window wider than the time line opens the whole catalogue")
        void hugeWindow() {
            var endless = new MembershipPeriod(JAN_1, JAN_1.plus(YEAR), Duration.ofSeconds(Long.MAX_VALUE));
            assertThat(endless.backCatalogFrom()).isEqualTo(Instant.MIN);
        }
    }

    @Nested
    @DisplayName("merging terms")
    class Merging {

        @Test
        @DisplayName("gives no periods for no terms")
        void none() {
            assertThat(MembershipPeriods.merge(List.of())).isEmpty();
        }

        @Test
        @DisplayName("joins touching terms into one period anchored at the first start")
        void touching() {
            var first = term(JAN_1, YEAR);
            var second = term(first.endsAt(), YEAR);
            assertThat(MembershipPeriods.merge(List.of(first, second)))
                    .containsExactly(new MembershipPeriod(JAN_1, second.endsAt(), WINDOW));
        }

        @Test
        @DisplayName("joins overlapping terms and keeps the later end")
        void overlapping() {
            var year = term(JAN_1, YEAR);
            var month = term(JAN_1.plus(MONTH), MONTH); // inside the year
            var spill = term(JAN_1.plus(YEAR).minus(MONTH), YEAR);
            assertThat(MembershipPeriods.merge(List.of(year, month, spill)))
                    .containsExactly(new MembershipPeriod(JAN_1, spill.endsAt(), WINDOW));
        }

        @Test
        @DisplayName("keeps terms separated by a gap, even one second, as separate periods")
        void gap() {
            var first = term(JAN_1, YEAR);
            var second = term(first.endsAt().plusSeconds(1), YEAR);
            assertThat(MembershipPeriods.merge(List.of(first, second))).containsExactly(
                    new MembershipPeriod(JAN_1, first.endsAt(), WINDOW),
                    new MembershipPeriod(second.startsAt(), second.endsAt(), WINDOW));
        }

        @Test
        @DisplayName("does not depend on the order of the terms and sorts periods by anchor")
        void unsorted() {
            var a = term(JAN_1, MONTH);
            var b = term(a.endsAt(), MONTH);
            var c = term(JAN_1.plus(YEAR), MONTH);
            var d = term(JAN_1.plus(YEAR).plus(MONTH).minusSeconds(10), MONTH);
            var expected = List.of(
                    new MembershipPeriod(JAN_1, b.endsAt(), WINDOW),
                    new MembershipPeriod(c.startsAt(), d.endsAt(), WINDOW));
            assertThat(MembershipPeriods.merge(List.of(d, b, c, a))).isEqualTo(expected);
            assertThat(MembershipPeriods.merge(List.of(c, a, d, b))).isEqualTo(expected);
        }

        @Test
        @DisplayName("gives a merged period the largest back-catalogue window among its terms")
        void largestWindow() {
            var wide = MembershipTerm.of(JAN_1, MONTH, Duration.ofDays(3650));
            var narrow = MembershipTerm.of(wide.endsAt(), MONTH, Duration.ofDays(30));
            assertThat(MembershipPeriods.merge(List.of(narrow, wide)))
                    .singleElement()
                    .extracting(MembershipPeriod::backCatalog)
                    .isEqualTo(Duration.ofDays(3650));
        }
    }

    @Nested
    @DisplayName("the active period")
    class Active {

        @Test
        @DisplayName("is the one covering now")
        void covering() {
            var old = term(JAN_1, MONTH);
            var current = term(JAN_1.plus(YEAR), YEAR);
            assertThat(MembershipPeriods.activeAt(List.of(old, current), current.startsAt().plus(MONTH)))
                    .contains(new MembershipPeriod(current.startsAt(), current.endsAt(), WINDOW));
        }

        @Test
        @DisplayName("is absent in a gap, after expiry and before the first term")
        void absent() {
            var old = term(JAN_1, MONTH);
            var later = term(JAN_1.plus(YEAR), MONTH);
            var terms = List.of(old, later);
            assertThat(MembershipPeriods.activeAt(terms, old.endsAt())).isEmpty();
            assertThat(MembershipPeriods.activeAt(terms, later.endsAt())).isEmpty();
            assertThat(MembershipPeriods.activeAt(terms, JAN_1.minusSeconds(1))).isEmpty();
            assertThat(MembershipPeriods.activeAt(List.of(), JAN_1)).isEmpty();
        }
    }

    @Nested
    @DisplayName("the next term")
    class Next {

        @Test
        @DisplayName("redeemed while active starts at the period's end, so it extends the period")
        void whileActive() {
            var first = term(JAN_1, YEAR);
            var second = term(first.endsAt(), MONTH);
            Instant now = JAN_1.plus(MONTH);

            var next = MembershipPeriods.nextTerm(List.of(first, second), now, YEAR, WINDOW);

            assertThat(next).isEqualTo(new MembershipTerm(second.endsAt(), second.endsAt().plus(YEAR), WINDOW));
            assertThat(MembershipPeriods.merge(List.of(first, second, next)))
                    .containsExactly(new MembershipPeriod(JAN_1, next.endsAt(), WINDOW));
        }

        @Test
        @DisplayName("redeemed after expiry starts now, with a new anchor")
        void afterExpiry() {
            var first = term(JAN_1, YEAR);
            Instant now = first.endsAt().plus(MONTH);

            var next = MembershipPeriods.nextTerm(List.of(first), now, YEAR, WINDOW);

            assertThat(next).isEqualTo(new MembershipTerm(now, now.plus(YEAR), WINDOW));
        }

        @Test
        @DisplayName("redeemed at the very instant of expiry starts then, which touches and extends the period")
        void atExpiry() {
            var first = term(JAN_1, YEAR);
            var next = MembershipPeriods.nextTerm(List.of(first), first.endsAt(), YEAR, WINDOW);
            assertThat(next.startsAt()).isEqualTo(first.endsAt());
            assertThat(MembershipPeriods.merge(List.of(first, next))).singleElement()
                    .extracting(MembershipPeriod::anchor).isEqualTo(JAN_1);
        }

        @Test
        @DisplayName("redeemed by a first-time member starts now")
        void firstTime() {
            assertThat(MembershipPeriods.nextTerm(List.of(), JAN_1, YEAR, WINDOW))
                    .isEqualTo(new MembershipTerm(JAN_1, JAN_1.plus(YEAR), WINDOW));
        }

        @Test
        @DisplayName("is rejected for a duration that is not positive")
        void invalidDuration() {
            assertThatThrownBy(() -> MembershipPeriods.nextTerm(List.of(), JAN_1, Duration.ofDays(-1), WINDOW))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
