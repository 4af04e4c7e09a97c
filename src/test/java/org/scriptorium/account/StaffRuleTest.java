package org.scriptorium.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.Rejected;

/** Who may change whose roles and standing: plain Java, no Spring. */
class StaffRuleTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private static Account account(String id, boolean suspended, Role... staff) {
        EnumSet<Role> roles = EnumSet.of(Role.MEMBER);
        roles.addAll(Set.of(staff));
        return new Account(id, id + "@test.example", id, roles, suspended ? NOW : null, suspended ? "倒卖" : null, NOW, 100001);
    }

    private static final Account ADMIN = account("admin", false, Role.ADMIN);
    private static final Account OTHER_ADMIN = account("admin2", false, Role.ADMIN);
    private static final Account EDITOR = account("editor", false, Role.EDITOR);
    private static final Account SUSPENDED_EDITOR = account("seditor", true, Role.EDITOR);
    private static final Account SUSPENDED_ADMIN = account("sadmin", true, Role.ADMIN);
    private static final Account MEMBER = account("member", false);

    private static String code(Runnable check) {
        Rejected rejected = catchThrowableOfType(Rejected.class, check::run);
        assertThat(rejected).as("refused").isNotNull();
        return rejected.status() + " " + rejected.code();
    }

    @Test
    @DisplayName("a suspended account has no role at all: a suspended editor is not staff and a suspended administrator not one")
    void suspensionOutranksRoles() {
        assertThat(SUSPENDED_EDITOR.activeRoles()).isEmpty();
        assertThat(SUSPENDED_EDITOR.staff()).isFalse();
        assertThat(SUSPENDED_ADMIN.administrator()).isFalse();
        assertThat(AccountPrincipal.authoritiesOf(SUSPENDED_ADMIN)).isEmpty();
        assertThat(AccountPrincipal.authoritiesOf(EDITOR)).extracting(Object::toString).containsExactly("ROLE_MEMBER", "ROLE_EDITOR");
    }

    @Test
    @DisplayName("only administrators change roles; a suspended administrator does not")
    void rolesByAdministrators() {
        assertThatCode(() -> StaffRule.checkRoles(ADMIN, MEMBER, EnumSet.of(Role.MEMBER, Role.EDITOR), 2)).doesNotThrowAnyException();
        assertThat(code(() -> StaffRule.checkRoles(EDITOR, MEMBER, EnumSet.of(Role.MEMBER, Role.EDITOR), 2))).isEqualTo("403 ADMIN_REQUIRED");
        assertThat(code(() -> StaffRule.checkRoles(SUSPENDED_ADMIN, MEMBER, EnumSet.of(Role.MEMBER), 2))).isEqualTo("403 ADMIN_REQUIRED");
    }

    @Test
    @DisplayName("an administrator never drops their own administrator role, but may add one")
    void noSelfDemotion() {
        assertThat(code(() -> StaffRule.checkRoles(ADMIN, ADMIN, EnumSet.of(Role.MEMBER, Role.EDITOR), 2))).isEqualTo("409 SELF_DEMOTION");
        assertThatCode(() -> StaffRule.checkRoles(ADMIN, ADMIN, EnumSet.of(Role.MEMBER, Role.EDITOR, Role.ADMIN), 2)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("the last administrator in good standing keeps the role and stays in good standing")
    void lastAdministratorStays() {
        assertThat(code(() -> StaffRule.checkRoles(ADMIN, OTHER_ADMIN, EnumSet.of(Role.MEMBER), 1))).isEqualTo("409 LAST_ADMINISTRATOR");
        assertThat(code(() -> StaffRule.checkSuspend(ADMIN, OTHER_ADMIN, 1))).isEqualTo("409 LAST_ADMINISTRATOR");
        assertThatCode(() -> StaffRule.checkRoles(ADMIN, OTHER_ADMIN, EnumSet.of(Role.MEMBER), 2)).doesNotThrowAnyException();
        assertThatCode(() -> StaffRule.checkSuspend(ADMIN, OTHER_ADMIN, 2)).doesNotThrowAnyException();
        // A suspended administrator is not counted, and may lose the role though only one administrator is left.
        assertThatCode(() -> StaffRule.checkRoles(ADMIN, SUSPENDED_ADMIN, EnumSet.of(Role.MEMBER), 1)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("editors suspend and restore members and editors, never administrators; nobody suspends or restores themselves")
    void standing() {
        assertThatCode(() -> StaffRule.checkSuspend(EDITOR, MEMBER, 1)).doesNotThrowAnyException();
        assertThatCode(() -> StaffRule.checkUnsuspend(EDITOR, SUSPENDED_EDITOR)).doesNotThrowAnyException();
        assertThat(code(() -> StaffRule.checkSuspend(EDITOR, ADMIN, 2))).isEqualTo("403 ADMIN_REQUIRED");
        assertThat(code(() -> StaffRule.checkUnsuspend(EDITOR, SUSPENDED_ADMIN))).isEqualTo("403 ADMIN_REQUIRED");
        assertThat(code(() -> StaffRule.checkSuspend(ADMIN, ADMIN, 2))).isEqualTo("409 SELF_SUSPENSION");
        assertThat(code(() -> StaffRule.checkSuspend(EDITOR, EDITOR, 2))).isEqualTo("409 SELF_SUSPENSION");
        assertThatCode(() -> StaffRule.checkSuspend(ADMIN, OTHER_ADMIN, 2)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a suspended editor suspends and restores nobody, themselves included")
    void suspendedEditorHasNoPower() {
        assertThat(code(() -> StaffRule.checkSuspend(SUSPENDED_EDITOR, MEMBER, 1))).isEqualTo("403 STAFF_REQUIRED");
        assertThat(code(() -> StaffRule.checkUnsuspend(SUSPENDED_EDITOR, SUSPENDED_EDITOR))).isEqualTo("403 STAFF_REQUIRED");
        assertThat(code(() -> StaffRule.checkSuspend(MEMBER, EDITOR, 1))).isEqualTo("403 STAFF_REQUIRED");
    }
}
