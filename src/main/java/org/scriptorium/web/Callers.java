package org.scriptorium.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.FilterInvocation;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Who may call an API path, asked of the security rules themselves (the authorization of the filter chain that
 * serves the path, with a made-up caller of each role), so the API description cannot drift from
 * {@link SecurityConfig}.
 */
final class Callers {

    /** The least a caller needs, from the most open to the most closed. */
    enum Who {
        ANYONE("anyone, signed in or not (what comes back may depend on the caller's membership)"),
        SIGNED_IN("any signed-in account"),
        STAFF("staff: role EDITOR or ADMIN"),
        ADMIN("administrators: role ADMIN");

        final String description;

        Who(String description) {
            this.description = description;
        }

        boolean atLeastStaff() {
            return this == STAFF || this == ADMIN;
        }
    }

    private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("api-docs", "anonymous",
            AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    private static final Authentication MEMBER = account("ROLE_MEMBER");
    private static final Authentication EDITOR = account("ROLE_MEMBER", "ROLE_EDITOR");

    private final List<SecurityFilterChain> chains;

    Callers(List<SecurityFilterChain> chains) {
        this.chains = chains;
    }

    /**
     * @param path   a path template such as {@code /api/v1/materials/{id}}
     * @param method an HTTP method name
     * @return the least caller the rules let through; {@link Who#ADMIN} also for a path nobody may call
     */
    Who who(String path, String method) {
        HttpServletRequest request = request(path.replaceAll("\\{[^}]+}", "x"), method);
        AuthorizationManager<HttpServletRequest> rules = chains.stream().filter(c -> c.matches(request)).findFirst()
                .flatMap(c -> c.getFilters().stream().filter(AuthorizationFilter.class::isInstance).findFirst())
                .map(f -> ((AuthorizationFilter) f).getAuthorizationManager())
                .orElseThrow(() -> new IllegalStateException("no authorization rules for " + method + " " + path));
        if (allowed(rules, request, ANONYMOUS)) {
            return Who.ANYONE;
        }
        if (allowed(rules, request, MEMBER)) {
            return Who.SIGNED_IN;
        }
        if (allowed(rules, request, EDITOR)) {
            return Who.STAFF;
        }
        return Who.ADMIN;
    }

    private static boolean allowed(AuthorizationManager<HttpServletRequest> rules, HttpServletRequest request,
                                   Authentication caller) {
        AuthorizationResult result = rules.authorize(() -> caller, request);
        return result == null || result.isGranted(); // no opinion lets a request through, as AuthorizationFilter does
    }

    /**
     * A request for the path alone, as Spring Security's own "may this user see that link" check makes one, that
     * also answers what the rules ask of it: its dispatcher type, and attributes the path matchers cache.
     */
    private static HttpServletRequest request(String uri, String method) {
        Map<String, Object> attributes = new HashMap<>();
        return new HttpServletRequestWrapper(new FilterInvocation("", uri, method).getRequest()) {
            @Override
            public DispatcherType getDispatcherType() {
                return DispatcherType.REQUEST;
            }

            @Override
            public Object getAttribute(String name) {
                return attributes.get(name);
            }

            @Override
            public void setAttribute(String name, Object value) {
                attributes.put(name, value);
            }

            @Override
            public void removeAttribute(String name) {
                attributes.remove(name);
            }

            @Override
            public Enumeration<String> getAttributeNames() {
                return Collections.enumeration(attributes.keySet());
            }
        };
    }

    private static Authentication account(String... roles) {
        return UsernamePasswordAuthenticationToken.authenticated("api-docs", null, List.copyOf(
                AuthorityUtils.createAuthorityList(roles)));
    }
}
