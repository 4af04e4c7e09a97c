package org.scriptorium.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.scriptorium.membership.Access.Level.FULL;
import static org.scriptorium.membership.Access.Level.NONE;
import static org.scriptorium.membership.Access.Level.PREVIEW;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The entitlement rule")
class EntitlementRuleTest {

    static final Instant ANCHOR = Instant.parse("2025-03-01T00:00:00Z");
    static final Duration YEAR = Duration.ofDays(365);
    static final Duration WINDOW = Duration.ofDays(3 * 365);
    static final Instant NOW = ANCHOR.plus(Duration.ofDays(100));
    static final Instant PUBLISHED_LAST_YEAR = ANCHOR.minus(YEAR);

    final EntitlementRule rule = new EntitlementRule();

    static Reader.SignedIn member(MembershipTerm... terms) {
        return new Reader.SignedIn(List.of(terms), false, false);
    }

    static final MembershipTerm ONE_YEAR = MembershipTerm.of(ANCHOR, YEAR, WINDOW);

    Access decide(Reader reader, Tier tier, Instant publishedAt) {
        return rule.decide(reader, tier, publishedAt, NOW);
    }

    @Nested
    @DisplayName("for staff")
    class Staff {

        final Reader staff = new Reader.SignedIn(List.of(), false, true);

        @ParameterizedTest(name = "{0} material")
        @EnumSource(Tier.class)
        @DisplayName("gives staff the full text of any material without a membership")
        void anyTier(Tier tier) {
            assertThat(decide(staff, tier, PUBLISHED_LAST_YEAR)).isEqualTo(new Access(FULL, Access.Reason.STAFF));
        }

        @Test
        @DisplayName("gives staff the full text of a material not yet published")
        void unpublished() {
            assertThat(decide(staff, Tier.MEMBER, NOW.plusSeconds(1)).reason()).isEqualTo(Access.Reason.STAFF);
        }

        @Test
        @DisplayName("gives a suspended editor nothing in full: the suspension outranks the role (issue 12)")
        void suspendedStaff() {
            var suspended = new Reader.SignedIn(List.of(), true, true);
            assertThat(decide(suspended, Tier.MEMBER, PUBLISHED_LAST_YEAR)).isEqualTo(new Access(Access.Level.PREVIEW, Access.Reason.SUSPENDED));
            assertThat(decide(suspended, Tier.FREE, PUBLISHED_LAST_YEAR).full()).isFalse();
            assertThat(decide(suspended, Tier.MEMBER, NOW.plusSeconds(1)).reason()).isEqualTo(Access.Reason.NOT_PUBLISHED);
        }
    }

    @Nested
    @DisplayName("for materials not yet published")
    class NotPublished {

        @Test
        @DisplayName("shows nothing to members, signed-in users or anonymous readers")
        void nothing() {
            Instant later = NOW.plusSeconds(1);
            var expected = new Access(NONE, Access.Reason.NOT_PUBLISHED);
            assertThat(decide(member(ONE_YEAR), Tier.MEMBER, later)).isEqualTo(expected);
            assertThat(decide(member(), Tier.FREE, later)).isEqualTo(expected);
            assertThat(decide(new Reader.Anonymous(), Tier.FREE, later)).isEqualTo(expected);
        }

        @Test
        @DisplayName("counts a material published exactly now as published")
        void publishedNow() {
            assertThat(decide(member(ONE_YEAR), Tier.MEMBER, NOW).reason()).isEqualTo(Access.Reason.MEMBER);
        }
    }

    @Nested
    @DisplayName("for anonymous readers")
    class Anonymous {

        @ParameterizedTest(name = "{0} material")
        @EnumSource(Tier.class)
        @DisplayName("shows a preview of any material and asks them to sign in")
        void preview(Tier tier) {
            assertThat(decide(new Reader.Anonymous(), tier, PUBLISHED_LAST_YEAR))
                    .isEqualTo(new Access(PREVIEW, Access.Reason.NOT_SIGNED_IN));
        }
    }

    @Nested
    @DisplayName("for FREE materials")
    class Free {

        @Test
        @DisplayName("gives every signed-in user the full text, member or not")
        void everySignedIn() {
            var expected = new Access(FULL, Access.Reason.FREE_MATERIAL);
            assertThat(decide(member(), Tier.FREE, PUBLISHED_LAST_YEAR)).isEqualTo(expected);
            assertThat(decide(member(ONE_YEAR), Tier.FREE, Instant.EPOCH)).isEqualTo(expected);
        }

        @Test
        @DisplayName("is closed to a suspended user too: a suspended account receives no copies at all")
        void suspended() {
            var suspended = new Reader.SignedIn(List.of(ONE_YEAR), true, false);
            assertThat(decide(suspended, Tier.FREE, PUBLISHED_LAST_YEAR))
                    .isEqualTo(new Access(PREVIEW, Access.Reason.SUSPENDED));
            var suspendedWithoutMembership = new Reader.SignedIn(List.of(), true, false);
            assertThat(decide(suspendedWithoutMembership, Tier.FREE, PUBLISHED_LAST_YEAR))
                    .isEqualTo(new Access(PREVIEW, Access.Reason.SUSPENDED));
        }
    }

    @Nested
    @DisplayName("for MEMBER materials")
    class Member {

        @Test
        @DisplayName("gives an active member the full text of a material in the back catalogue")
        void active() {
            assertThat(decide(member(ONE_YEAR), Tier.MEMBER, PUBLISHED_LAST_YEAR))
                    .isEqualTo(new Access(FULL, Access.Reason.MEMBER));
        }

        @Test
        @DisplayName("includes materials published during the period")
        void publishedDuring() {
            assertThat(decide(member(ONE_YEAR), Tier.MEMBER, ANCHOR).full()).isTrue();
            assertThat(decide(member(ONE_YEAR), Tier.MEMBER, NOW.minusSeconds(1)).full()).isTrue();
        }

        @Test
        @DisplayName("includes a material published exactly at anchor minus window")
        void windowBoundaryIncluded() {
            assertThat(decide(member(ONE_YEAR), Tier.MEMBER, ANCHOR.minus(WINDOW)))
                    .isEqualTo(new Access(FULL, Access.Reason.MEMBER));
        }

        @Test
        @DisplayName("excludes a material published one second before anchor minus window")
        void windowBoundaryExcluded() {
            assertThat(decide(member(ONE_YEAR), Tier.MEMBER, ANCHOR.minus(WINDOW).minusSeconds(1)))
                    .isEqualTo(new Access(PREVIEW, Access.Reason.BEFORE_BACK_CATALOG));
        }

        @Test
        @DisplayName("with no back-catalogue window opens only materials published from the anchor on")
        void noWindow() {
            var reader = member(MembershipTerm.of(ANCHOR, YEAR, Duration.ZERO));
            assertThat(decide(reader, Tier.MEMBER, ANCHOR).full()).isTrue();
            assertThat(decide(reader, Tier.MEMBER, ANCHOR.minusSeconds(1)).reason())
                    .isEqualTo(Access.Reason.BEFORE_BACK_CATALOG);
        }

        @Test
        @DisplayName("is entitled one second before the end of the period")
        void lastSecond() {
            Instant end = ONE_YEAR.endsAt();
            assertThat(rule.decide(member(ONE_YEAR), Tier.MEMBER, PUBLISHED_LAST_YEAR, end.minusSeconds(1)).full())
                    .isTrue();
        }

        @Test
        @DisplayName("has expired at the end instant of the period")
        void expiredAtEnd() {
            assertThat(rule.decide(member(ONE_YEAR), Tier.MEMBER, PUBLISHED_LAST_YEAR, ONE_YEAR.endsAt()))
                    .isEqualTo(new Access(PREVIEW, Access.Reason.EXPIRED));
        }

        @Test
        @DisplayName("shows a preview to a signed-in user who never had a membership")
        void neverMember() {
            assertThat(decide(member(), Tier.MEMBER, PUBLISHED_LAST_YEAR))
                    .isEqualTo(new Access(PREVIEW, Access.Reason.NO_MEMBERSHIP));
        }

        @Test
        @DisplayName("treats a membership granted to start later as no membership yet, not as expired")
        void grantedForLater() {
            Instant before = ONE_YEAR.startsAt().minusSeconds(60);
            assertThat(rule.decide(member(ONE_YEAR), Tier.MEMBER, before.minus(Duration.ofDays(1)), before))
                    .isEqualTo(new Access(PREVIEW, Access.Reason.NO_MEMBERSHIP));
        }

        @Test
        @DisplayName("shows a preview to a suspended member with an active period")
        void suspended() {
            var suspended = new Reader.SignedIn(List.of(ONE_YEAR), true, false);
            assertThat(decide(suspended, Tier.MEMBER, PUBLISHED_LAST_YEAR))
                    .isEqualTo(new Access(PREVIEW, Access.Reason.SUSPENDED));
        }

        @Test
        @DisplayName("keeps the anchor at the first start across consecutive memberships")
        void consecutiveKeepsAnchor() {
            var second = MembershipTerm.of(ONE_YEAR.endsAt(), YEAR, WINDOW);
            Instant inSecondYear = second.startsAt().plus(Duration.ofDays(30));
            var reader = member(ONE_YEAR, second);

            assertThat(rule.decide(reader, Tier.MEMBER, ANCHOR.minus(WINDOW), inSecondYear).full()).isTrue();
            assertThat(rule.decide(reader, Tier.MEMBER, ANCHOR.minus(WINDOW).minusSeconds(1), inSecondYear).reason())
                    .isEqualTo(Access.Reason.BEFORE_BACK_CATALOG);
        }

        @Test
        @DisplayName("keeps the anchor at the earliest start across overlapping memberships")
        void overlappingKeepsAnchor() {
            var overlapping = MembershipTerm.of(ANCHOR.plus(Duration.ofDays(200)), YEAR, WINDOW);
            Instant afterFirstEnds = ONE_YEAR.endsAt().plus(Duration.ofDays(10));
            var reader = member(overlapping, ONE_YEAR);

            assertThat(rule.decide(reader, Tier.MEMBER, ANCHOR.minus(WINDOW), afterFirstEnds))
                    .isEqualTo(new Access(FULL, Access.Reason.MEMBER));
        }

        @Test
        @DisplayName("re-anchors after a gap: material open under the old anchor is closed under the new one")
        void gapReanchors() {
            var renewed = MembershipTerm.of(ONE_YEAR.endsAt().plus(Duration.ofDays(60)), YEAR, WINDOW);
            Instant now = renewed.startsAt().plus(Duration.ofDays(1));
            var reader = member(ONE_YEAR, renewed);
            Instant oldFrom = ANCHOR.minus(WINDOW);
            Instant newFrom = renewed.startsAt().minus(WINDOW);

            assertThat(rule.decide(reader, Tier.MEMBER, oldFrom, now).reason())
                    .isEqualTo(Access.Reason.BEFORE_BACK_CATALOG);
            assertThat(rule.decide(reader, Tier.MEMBER, newFrom.minusSeconds(1), now).reason())
                    .isEqualTo(Access.Reason.BEFORE_BACK_CATALOG);
            assertThat(rule.decide(reader, Tier.MEMBER, newFrom, now).full()).isTrue();
        }

        @Test
        @DisplayName("shows a preview in the gap between two memberships")
        void inGap() {
            var renewed = MembershipTerm.of(ONE_YEAR.endsAt().plus(Duration.ofDays(60)), YEAR, WINDOW);
            Instant inGap = ONE_YEAR.endsAt().plus(Duration.ofDays(1));
            assertThat(rule.decide(member(ONE_YEAR, renewed), Tier.MEMBER, PUBLISHED_LAST_YEAR, inGap))
                    .isEqualTo(new Access(PREVIEW, Access.Reason.EXPIRED));
        }

        @Test
        @DisplayName("uses the window of the period active now, not a wider one from an earlier period")
        void activeWindow() {
            var wideOld = MembershipTerm.of(ANCHOR.minus(Duration.ofDays(800)), YEAR, Duration.ofDays(3650));
            var reader = member(wideOld, MembershipTerm.of(ANCHOR, YEAR, Duration.ofDays(30)));
            assertThat(decide(reader, Tier.MEMBER, ANCHOR.minus(Duration.ofDays(31))).reason())
                    .isEqualTo(Access.Reason.BEFORE_BACK_CATALOG);
        }
    }

    @Test
    @DisplayName("rejects a missing argument")
    void missingArgument() {
        assertThatThrownBy(() -> rule.decide(null, Tier.FREE, NOW, NOW)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> rule.decide(member(), null, NOW, NOW)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> rule.decide(member(), Tier.FREE, null, NOW)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> rule.decide(member(), Tier.FREE, NOW, null)).isInstanceOf(NullPointerException.class);
    }

    @Nested
    @DisplayName("as a search scope")
    class Scope {

        @Test
        @DisplayName("covers exactly the published materials the rule gives in full, for every kind of reader")
        void scopeMatchesDecisions() {
            List<Reader> readers = List.of(new Reader.Anonymous(), member(), member(ONE_YEAR),
                    new Reader.SignedIn(List.of(ONE_YEAR), true, false), new Reader.SignedIn(List.of(), false, true),
                    member(MembershipTerm.of(NOW.plus(Duration.ofDays(5)), YEAR, WINDOW)),
                    member(MembershipTerm.of(ANCHOR.minus(YEAR.multipliedBy(2)), YEAR, WINDOW)));
            int full = 0;
            for (Reader reader : readers) {
                FullTextScope scope = rule.fullTextScope(reader, NOW);
                for (Tier tier : Tier.values()) {
                    for (int days = 0; days <= 6 * 365; days += 7) {
                        Instant published = NOW.minus(Duration.ofDays(days));
                        boolean decided = decide(reader, tier, published).full();
                        assertThat(scope.covers(tier, published)).as("%s %s %s", reader, tier, published)
                                .isEqualTo(decided);
                        full += decided ? 1 : 0;
                    }
                }
            }
            assertThat(full).isPositive();
        }

        @Test
        @DisplayName("is empty for anonymous and suspended readers, and everything for staff")
        void extremes() {
            assertThat(rule.fullTextScope(new Reader.Anonymous(), NOW).isEmpty()).isTrue();
            assertThat(rule.fullTextScope(new Reader.SignedIn(List.of(ONE_YEAR), true, false), NOW).isEmpty()).isTrue();
            assertThat(rule.fullTextScope(new Reader.SignedIn(List.of(), false, true), NOW).everything()).isTrue();
        }
    }
}
