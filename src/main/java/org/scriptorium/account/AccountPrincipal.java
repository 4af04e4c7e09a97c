package org.scriptorium.account;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is signed in, as Spring Security holds it in the session or for one API call: the account and when it signed
 * in, never its roles. What the account may do is read from its row on every request ({@link #authoritiesOf}), so a
 * role taken away or a suspension counts at the next request.
 *
 * <p>Its {@linkplain #getName() name} is the user id: what Spring Session indexes a stored session by, so that the
 * sessions of an account can be found on any node ({@link EndedSessionSweep}).
 */
public final class AccountPrincipal implements Principal, Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    private final String userId;
    private final String email;
    private final String displayName;
    /** When the password (or token) was checked: a session signed in before a suspension ends with it. */
    private final Instant authenticatedAt;
    /** The API token of this call, or null for a browser session. */
    private final String tokenId;

    AccountPrincipal(Account account, Instant authenticatedAt, String tokenId) {
        this(account.id(), account.email(), account.displayName(), authenticatedAt, tokenId);
    }

    public String userId() {
        return userId;
    }

    /** The user id (never the e-mail address, which can change). */
    @Override
    public String getName() {
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

    /** The id of the API token this call came with; empty for a browser session. */
    public Optional<String> tokenId() {
        return Optional.ofNullable(tokenId);
    }

    /** The same account, signed in at another time (after a password change, so that this session goes on). */
    AccountPrincipal signedInAt(Instant at) {
        return new AccountPrincipal(userId, email, displayName, at, tokenId);
    }

    private AccountPrincipal(String userId, String email, String displayName, Instant authenticatedAt, String tokenId) {
        this.userId = userId;
        this.email = email;
        this.displayName = displayName;
        this.authenticatedAt = authenticatedAt;
        this.tokenId = tokenId;
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

    /** What the account may do now: its active roles, none at all while suspended. */
    static List<GrantedAuthority> authoritiesOf(Account account) {
        return account.activeRoles().stream().sorted()
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList();
    }

    /** An authentication for this principal with the account's authorities as they are now. */
    static Authentication authenticated(AccountPrincipal principal, Account now) {
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, authoritiesOf(now));
    }

    @Override
    public String toString() {
        return email;
    }
}
