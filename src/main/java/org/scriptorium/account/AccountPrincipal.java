package org.scriptorium.account;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in account as Spring Security holds it in the session or for one API call. */
public final class AccountPrincipal implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String userId;
    private final String email;
    private final String displayName;
    private final List<String> roles;
    /** When the password (or token) was checked: a session signed in before a suspension ends with it. */
    private final Instant authenticatedAt;

    AccountPrincipal(Account account, Instant authenticatedAt) {
        this.userId = account.id();
        this.email = account.email();
        this.displayName = account.displayName();
        this.roles = account.roles().stream().map(Role::name).sorted().toList();
        this.authenticatedAt = authenticatedAt;
    }

    public String userId() {
        return userId;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    /** When the password or token was checked; {@link Accounts#sessionStillValid} tells whether that still counts. */
    public Instant authenticatedAt() {
        return authenticatedAt;
    }

    List<GrantedAuthority> authorities() {
        return roles.stream().<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
    }

    /** The user id of whoever makes the current request, if signed in. */
    public static Optional<String> currentUserId() {
        return current().map(AccountPrincipal::userId);
    }

    /** Whoever makes the current request, if signed in. */
    public static Optional<AccountPrincipal> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AccountPrincipal p) {
            return Optional.of(p);
        }
        return Optional.empty();
    }

    static Collection<? extends GrantedAuthority> authoritiesOf(Account account) {
        return new AccountPrincipal(account, null).authorities();
    }

    @Override
    public String toString() {
        return email;
    }
}
