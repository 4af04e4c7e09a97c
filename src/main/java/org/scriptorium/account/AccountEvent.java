package org.scriptorium.account;

import java.util.Set;

/**
 * Something the operator did to an account, published in the transaction that saved it. Other modules listen for
 * these (the audit log records them).
 */
public sealed interface AccountEvent permits AccountEvent.Suspended, AccountEvent.Unsuspended, AccountEvent.RolesChanged {

    String userId();

    /**
     * An account was suspended.
     *
     * @param previousReason the reason of a suspension already in force, or null if the account was in good standing
     */
    record Suspended(String userId, String email, String previousReason, String reason) implements AccountEvent {
    }

    /** A suspension was lifted; {@code reason} is null when none was given. */
    record Unsuspended(String userId, String email, String previousReason, String reason) implements AccountEvent {
    }

    /** The account's roles were replaced. */
    record RolesChanged(String userId, String email, Set<Role> before, Set<Role> after) implements AccountEvent {
        public RolesChanged {
            before = Set.copyOf(before);
            after = Set.copyOf(after);
        }
    }
}
