package org.scriptorium.account;

import java.util.Set;
import org.scriptorium.common.Rejected;

/**
 * Who may change whose roles and standing. Plain Java: the caller reads the accounts and counts the administrators,
 * this decides.
 *
 * <ul>
 *   <li>only staff in good standing suspend or restore accounts, and only administrators change roles;</li>
 *   <li>only administrators suspend, restore or change the roles of an administrator;</li>
 *   <li>nobody suspends or restores themselves, or takes their own administrator role away (so an operator cannot
 *       lock themselves out by a slip);</li>
 *   <li>the last administrator in good standing keeps the role and stays in good standing.</li>
 * </ul>
 */
final class StaffRule {

    private StaffRule() {
    }

    /**
     * Checks that {@code actor} may give {@code target} exactly {@code roles} (MEMBER implied).
     *
     * @param activeAdministrators administrators in good standing now, {@code target} included if it is one
     * @throws Rejected 403 {@code ADMIN_REQUIRED} when the actor is not an administrator in good standing; 409
     *                  {@code SELF_DEMOTION} when an administrator would drop their own role; 409
     *                  {@code LAST_ADMINISTRATOR} when the last administrator would lose the role
     */
    static void checkRoles(Account actor, Account target, Set<Role> roles, long activeAdministrators) {
        if (!actor.administrator()) {
            throw new Rejected(403, "ADMIN_REQUIRED", "只有管理员可以调整角色。", "Only administrators change roles.");
        }
        boolean losesAdmin = target.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN);
        if (losesAdmin && actor.id().equals(target.id())) {
            throw Rejected.conflict("SELF_DEMOTION", "不能撤销自己的管理员角色，请由另一位管理员操作。",
                    "You cannot remove your own administrator role; ask another administrator.");
        }
        if (losesAdmin && target.administrator() && activeAdministrators <= 1) {
            throw lastAdministrator();
        }
    }

    /**
     * Checks that {@code actor} may suspend {@code target}.
     *
     * @param activeAdministrators administrators in good standing now, {@code target} included if it is one
     * @throws Rejected 403 {@code STAFF_REQUIRED} or {@code ADMIN_REQUIRED}; 409 {@code SELF_SUSPENSION} or
     *                  {@code LAST_ADMINISTRATOR}
     */
    static void checkSuspend(Account actor, Account target, long activeAdministrators) {
        checkStanding(actor, target);
        if (actor.id().equals(target.id())) {
            throw Rejected.conflict("SELF_SUSPENSION", "不能暂停自己的账号。", "You cannot suspend your own account.");
        }
        if (target.administrator() && activeAdministrators <= 1) {
            throw lastAdministrator();
        }
    }

    /**
     * Checks that {@code actor} may lift {@code target}'s suspension.
     *
     * @throws Rejected 403 {@code STAFF_REQUIRED} or {@code ADMIN_REQUIRED}; 409 {@code SELF_SUSPENSION}
     */
    static void checkUnsuspend(Account actor, Account target) {
        checkStanding(actor, target);
        if (actor.id().equals(target.id())) {
            throw Rejected.conflict("SELF_SUSPENSION", "不能恢复自己的账号，请由另一位工作人员操作。",
                    "You cannot lift your own suspension; ask another member of staff.");
        }
    }

    private static void checkStanding(Account actor, Account target) {
        if (!actor.staff()) {
            throw new Rejected(403, "STAFF_REQUIRED", "只有工作人员可以暂停或恢复账号。", "Only staff suspend or restore accounts.");
        }
        // Stored roles, not active ones: a suspended administrator is still one an editor may not restore.
        if (target.roles().contains(Role.ADMIN) && !actor.administrator()) {
            throw new Rejected(403, "ADMIN_REQUIRED", "只有管理员可以暂停或恢复管理员账号。",
                    "Only administrators suspend or restore an administrator.");
        }
    }

    private static Rejected lastAdministrator() {
        return Rejected.conflict("LAST_ADMINISTRATOR", "这是最后一位管理员：不能撤销其管理员角色或暂停其账号。",
                "This is the last administrator: the role cannot be removed nor the account suspended.");
    }
}
