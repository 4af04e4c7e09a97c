package org.scriptorium.account;

import java.time.Instant;
import java.util.Set;

/**
 * A registered user.
 *
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

    /** Editors and administrators read everything and run the library. */
    public boolean staff() {
        return roles.contains(Role.EDITOR) || roles.contains(Role.ADMIN);
    }

    public boolean suspended() {
        return suspendedAt != null;
    }
}
