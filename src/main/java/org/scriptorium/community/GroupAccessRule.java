package org.scriptorium.community;

import java.time.Instant;
import org.scriptorium.membership.MembershipPeriods;
import org.scriptorium.membership.Reader;

/**
 * Who may enter a group (read and write): staff always (they keep the history of people who lost access); otherwise a
 * signed-in account that is not suspended and not removed from the group, and for a members' group one whose
 * membership is active now. Losing the membership closes the group at once: nothing here is remembered.
 */
final class GroupAccessRule {

    /** The answer; everything but {@link #OPEN} closes the group, with the reason the caller is told. */
    enum Verdict {
        OPEN(null),
        SIGNED_OUT("请先登录。"),
        SUSPENDED("您的账号已被暂停，暂时无法进入群聊。"),
        REMOVED("您已被管理员移出本群。"),
        NO_MEMBERSHIP("会员群仅对会员有效期内的账号开放；续费后即可重新进入。");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        /** Why the group is closed, in Chinese; null when it is open. */
        String reason() {
            return reason;
        }
    }

    private GroupAccessRule() {
    }

    /**
     * @param removed whether staff removed this account from this group
     */
    static Verdict decide(GroupKind kind, Reader reader, boolean removed, Instant now) {
        if (!(reader instanceof Reader.SignedIn user)) {
            return Verdict.SIGNED_OUT;
        }
        if (user.staff()) {
            return Verdict.OPEN;
        }
        if (user.suspended()) {
            return Verdict.SUSPENDED;
        }
        if (removed) {
            return Verdict.REMOVED;
        }
        if (kind == GroupKind.MEMBERS && MembershipPeriods.activeAt(user.terms(), now).isEmpty()) {
            return Verdict.NO_MEMBERSHIP;
        }
        return Verdict.OPEN;
    }
}
