package org.scriptorium.account;

import java.time.Instant;
import java.util.Set;

/**
 * A registered user.
 *
 * @param roles        the roles as stored; what counts is {@link #activeRoles()}
 * @param suspendedAt  when the operator suspended the account, or null while it is in good standing
 * @param memberNumber the number shown in the notice of every copy the account receives (from 100001)
 */
public record Account(
        String id,
        String email,
        String displayName,
        Set<Role> roles,
        Instant suspendedAt,
        String suspendedReason,
        Instant createdAt,
        long memberNumber) {

    public Account {
        roles = Set.copyOf(roles);
    }

    /**
     * The roles that count now: the stored roles, or none at all while the account is suspended (staff included), so
     * that a suspension stops every power at once, wherever roles are checked.
     */
    public Set<Role> activeRoles() {
        return suspended() ? Set.of() : roles;
    }

    /** Editors and administrators in good standing read everything and run the library. */
    public boolean staff() {
        return activeRoles().contains(Role.EDITOR) || activeRoles().contains(Role.ADMIN);
    }

    /** An administrator in good standing. */
    public boolean administrator() {
        return activeRoles().contains(Role.ADMIN);
    }

    public boolean suspended() {
        return suspendedAt != null;
    }
}
