package org.scriptorium.membership;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The one entitlement rule: what a reader may see of a material. Every path that returns material
 * text (reading page, search snippets, downloads, API, feeds, notifications, group posts) asks it.
 *
 * <p>It is a pure function of its arguments; the caller passes {@code now} from its injected clock.
 */
public final class EntitlementRule {

    /**
     * Decides in this order:
     * <ol>
     *   <li>staff (ADMIN or EDITOR) → FULL ({@code STAFF}), even for unpublished materials and
     *       whatever the account's membership or suspension;</li>
     *   <li>published after {@code now} → NONE ({@code NOT_PUBLISHED});</li>
     *   <li>anonymous → PREVIEW ({@code NOT_SIGNED_IN}), whatever the tier;</li>
     *   <li>suspended → PREVIEW ({@code SUSPENDED}), whatever the tier: a suspended account (a reseller's, as a
     *       rule) receives no more copies of anything until the operator lifts the suspension;</li>
     *   <li>FREE material → FULL ({@code FREE_MATERIAL}) for every other signed-in user;</li>
     *   <li>MEMBER material: no term started by {@code now} → PREVIEW
     *       ({@code NO_MEMBERSHIP}); no period active at {@code now} → PREVIEW ({@code EXPIRED});
     *       published at or after {@code anchor − backCatalog} of the active period → FULL
     *       ({@code MEMBER}); earlier → PREVIEW ({@code BEFORE_BACK_CATALOG}).</li>
     * </ol>
     * Only the period active now counts: after a gap the anchor moves, and an earlier, separate
     * period does not widen the back catalogue.
     *
     * @param reader      who is asking
     * @param tier        the material's tier
     * @param publishedAt when the material was (or will be) published; at {@code now} counts as published
     * @param now         the current instant
     * @return the access granted, never null
     * @throws NullPointerException if an argument is null
     */
    public Access decide(Reader reader, Tier tier, Instant publishedAt, Instant now) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(now, "now");

        // A suspension outranks every role: a suspended editor reads like any suspended account.
        if (reader instanceof Reader.SignedIn user && user.staff() && !user.suspended()) {
            return new Access(Access.Level.FULL, Access.Reason.STAFF);
        }
        if (publishedAt.isAfter(now)) {
            return new Access(Access.Level.NONE, Access.Reason.NOT_PUBLISHED);
        }
        return switch (reader) {
            case Reader.Anonymous anonymous -> preview(Access.Reason.NOT_SIGNED_IN);
            case Reader.SignedIn user when user.suspended() -> preview(Access.Reason.SUSPENDED);
            case Reader.SignedIn user -> switch (tier) {
                case FREE -> new Access(Access.Level.FULL, Access.Reason.FREE_MATERIAL);
                case MEMBER -> member(user, publishedAt, now);
            };
        };
    }

    /**
     * The published materials this reader may read in full at {@code now}, as {@link #decide} grants FULL: everything
     * for staff; nothing for anonymous or suspended readers; FREE materials for other signed-in users, and MEMBER
     * materials from the back-catalogue limit of the period active at {@code now}, if any.
     *
     * @throws NullPointerException if an argument is null
     */
    public FullTextScope fullTextScope(Reader reader, Instant now) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(now, "now");
        return switch (reader) {
            case Reader.SignedIn user when user.staff() -> FullTextScope.EVERYTHING;
            case Reader.Anonymous anonymous -> FullTextScope.NOTHING;
            case Reader.SignedIn user when user.suspended() -> FullTextScope.NOTHING;
            case Reader.SignedIn user -> new FullTextScope(false, true, MembershipPeriods.activeAt(user.terms(), now)
                    .map(MembershipPeriod::backCatalogFrom).orElse(null));
        };
    }

    private static Access member(Reader.SignedIn user, Instant publishedAt, Instant now) {
        // A term granted to start later is not yet a membership: "expired" would mislead the reader.
        if (user.terms().stream().allMatch(term -> term.startsAt().isAfter(now))) {
            return preview(Access.Reason.NO_MEMBERSHIP);
        }
        Optional<MembershipPeriod> active = MembershipPeriods.activeAt(user.terms(), now);
        if (active.isEmpty()) {
            return preview(Access.Reason.EXPIRED);
        }
        if (publishedAt.isBefore(active.get().backCatalogFrom())) {
            return preview(Access.Reason.BEFORE_BACK_CATALOG);
        }
        return new Access(Access.Level.FULL, Access.Reason.MEMBER);
    }

    private static Access preview(Access.Reason reason) {
        return new Access(Access.Level.PREVIEW, reason);
    }
}
