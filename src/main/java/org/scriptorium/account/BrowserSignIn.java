package org.scriptorium.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/** Signs a browser session in as an account, without the sign-in form: after registering, after a password change. */
final class BrowserSignIn {

    private static final SecurityContextRepository SESSIONS = new HttpSessionSecurityContextRepository();

    private BrowserSignIn() {
    }

    /**
     * Stores the account in the session as signed in at {@code at}, under a new session id (so that an id known
     * before cannot ride along).
     */
    static void signIn(AccountPrincipal principal, Account now, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(AccountPrincipal.authenticated(principal, now));
        SecurityContextHolder.setContext(context);
        request.getSession(true);
        request.changeSessionId();
        SESSIONS.saveContext(context, request, response);
    }

    /** A new browser sign-in of the account at {@code at}. */
    static void signIn(Account account, Instant at, HttpServletRequest request, HttpServletResponse response) {
        signIn(new AccountPrincipal(account, at, null), account, request, response);
    }
}
