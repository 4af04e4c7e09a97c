package org.scriptorium.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authorises a browser session's request by the account as it is now. The session holds only who signed in and
 * when; this reads the account's row and:
 * <ul>
 *   <li>ends the session when the account's sessions were ended after it signed in (a suspension, a role change or a
 *       password change does that), so open tabs stop at the next request instead of when the session times out; the
 *       request goes on as anonymous and pages that need sign-in send the browser to the sign-in page;</li>
 *   <li>otherwise gives the request the account's authorities as they are now (none while suspended), whatever they
 *       were at sign-in.</li>
 * </ul>
 * Bearer-token calls are left to {@link BearerTokenFilter}, which reads the account for each call too.
 */
public class EndedSessionFilter extends OncePerRequestFilter {

    private final Accounts accounts;

    public EndedSessionFilter(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && !BearerTokenFilter.hasBearer(request)
                && auth != null && auth.getPrincipal() instanceof AccountPrincipal principal) {
            Optional<Account> now = accounts.currentForSession(principal.userId(), principal.authenticatedAt());
            if (now.isEmpty()) {
                SecurityContextHolder.clearContext();
                session.invalidate();
            } else {
                // A new context for this request only: the one in the session keeps who and when, never authorities
                // that could go stale.
                SecurityContext fresh = SecurityContextHolder.createEmptyContext();
                fresh.setAuthentication(AccountPrincipal.authenticated(principal, now.get()));
                SecurityContextHolder.setContext(fresh);
            }
        }
        chain.doFilter(request, response);
    }
}
