package org.scriptorium.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Deletes from the shared session store the browser sessions that {@link SessionsEnded} ended (a password reset or
 * change, a suspension, a role change), found by the principal index of Spring Session ({@link AccountPrincipal}'s
 * name is the user id). {@link EndedSessionFilter} already refuses such a session at its next request on any node,
 * from the account's row; this removes the rows themselves, so that what ended is gone from the database at once
 * rather than at its timeout. The session of the request that made the change is left to it: a password change keeps
 * its own session, signed in anew.
 */
@Component
class EndedSessionSweep {

    private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> store;

    /** The store is there in the web application only, not for the commands that run without a server. */
    EndedSessionSweep(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> store) {
        this.store = store;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void sweep(SessionsEnded ended) {
        FindByIndexNameSessionRepository<? extends Session> sessions = store.getIfAvailable();
        if (sessions == null) {
            return;
        }
        String current = currentSessionId();
        Map<String, ? extends Session> found = sessions.findByPrincipalName(ended.userId());
        found.forEach((id, session) -> {
            if (!id.equals(current) && signedInBy(session, ended.before())) {
                sessions.deleteById(id);
            }
        });
    }

    /** Whether the session's sign-in happened at or before {@code before} (or cannot be read: it ends too). */
    private static boolean signedInBy(Session session, Instant before) {
        Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        if (context instanceof SecurityContext security && security.getAuthentication() != null
                && security.getAuthentication().getPrincipal() instanceof AccountPrincipal principal
                && principal.authenticatedAt() != null) {
            return !principal.authenticatedAt().isAfter(before);
        }
        return true;
    }

    private static String currentSessionId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            HttpSession session = request.getSession(false);
            return session == null ? null : session.getId();
        }
        return null;
    }
}
