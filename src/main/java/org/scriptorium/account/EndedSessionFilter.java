package org.scriptorium.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a browser session whose account's sessions were revoked after it signed in (a suspension does that), so a
 * suspended reseller's open tabs stop at the next request instead of when the session times out. The request goes
 * on as anonymous: pages that need sign-in send the browser to the sign-in page.
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
                && auth != null && auth.getPrincipal() instanceof AccountPrincipal principal
                && !accounts.sessionStillValid(principal.userId(), principal.authenticatedAt())) {
            SecurityContextHolder.clearContext();
            session.invalidate();
        }
        chain.doFilter(request, response);
    }
}
