package org.scriptorium.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates an API call that carries {@code Authorization: Bearer <token>}. A token that is unknown or
 * expired is answered with 401 at once rather than treated as anonymous, so scripts notice.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    private final Accounts accounts;
    private final AuthenticationEntryPoint entryPoint;

    public BearerTokenFilter(Accounts accounts, AuthenticationEntryPoint entryPoint) {
        this.accounts = accounts;
        this.entryPoint = entryPoint;
    }

    /** True when the request carries a bearer token (such calls need no CSRF token). */
    public static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        String token = request.getHeader("Authorization").substring(7).strip();
        Optional<Accounts.TokenBearer> bearer = accounts.forToken(token);
        if (bearer.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("令牌无效或已过期。"));
            return;
        }
        // The account was read for this call: its authorities are those it has now (none while suspended).
        Account account = bearer.get().account();
        AccountPrincipal principal = new AccountPrincipal(account, accounts.now(), bearer.get().tokenId());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(AccountPrincipal.authenticated(principal, account));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
