package org.scriptorium.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.BearerTokenFilter;
import org.scriptorium.account.EndedSessionFilter;
import org.scriptorium.account.PasswordAuthenticationProvider;
import org.scriptorium.account.SignInLanding;
import org.scriptorium.sharing.StreamServer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Two filter chains. The API answers with problem+json and accepts bearer tokens (no CSRF token needed for
 * those) as well as the browser's session cookie (then CSRF applies). The pages use form sign-in, sessions
 * and CSRF on every form.
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfig {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** A reading library needs no device: every powerful feature is off for the pages and anything they embed. */
    private static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), display-capture=(), geolocation=(), "
            + "gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=(), "
            + "xr-spatial-tracking=()";

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, Accounts accounts, PasswordAuthenticationProvider passwords,
                            ProblemResponses problems) throws Exception {
        http.securityMatcher("/api/**")
                .authenticationProvider(passwords)
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfig::cookieSessionWrite))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .addFilterBefore(new BearerTokenFilter(accounts, problems.authenticationEntryPoint()),
                        AnonymousAuthenticationFilter.class)
                .addFilterBefore(new EndedSessionFilter(accounts), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // The end of a live event stream is an async dispatch of a request already authorised.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/api/v1/auth/**").permitAll()
                        // Issue 16, account/mail: a forgotten password is asked for and reset without signing in.
                        .requestMatchers(HttpMethod.POST, "/api/v1/password/forgot", "/api/v1/password/reset",
                                "/api/v1/email/verify").permitAll()
                        // The audit log watches the editors too: only administrators read it.
                        .requestMatchers("/api/v1/admin/audit", "/api/v1/admin/audit/**").hasRole("ADMIN")
                        // Webhook secrets sign what is relayed in the library's name: administrators only.
                        .requestMatchers("/api/v1/admin/webhooks", "/api/v1/admin/webhooks/**").hasRole("ADMIN")
                        // Who is staff is the administrators' to say (Accounts checks it again, with its other rules).
                        .requestMatchers("/api/v1/admin/users/*/roles").hasRole("ADMIN")
                        .requestMatchers("/api/v1/admin/**").hasAnyRole("ADMIN", "EDITOR")
                        .requestMatchers(HttpMethod.GET, "/api/v1/materials", "/api/v1/materials/*",
                                "/api/v1/passages", "/api/v1/suggest").permitAll()
                        // Issue 16, consultation: a visitor asks, and reads and replies with their link's token.
                        .requestMatchers(HttpMethod.POST, "/api/v1/consultations", "/api/v1/consultations/*/messages")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/consultations/*").permitAll()
                        // Issue 16, buying and renewal: the plans on sale are public, like the /plans page.
                        .requestMatchers(HttpMethod.GET, "/api/v1/plans").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(problems.authenticationEntryPoint())
                        .accessDeniedHandler(problems.accessDeniedHandler()))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, Accounts accounts, PasswordAuthenticationProvider passwords,
                              StreamServer streamPort) throws Exception {
        http.authenticationProvider(passwords)
                .addFilterBefore(new EndedSessionFilter(accounts), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/admin/audit", "/admin/audit/**", "/admin/audit.csv").hasRole("ADMIN")
                        .requestMatchers("/admin/webhooks", "/admin/webhooks/**").hasRole("ADMIN")
                        .requestMatchers("/admin/users/*/roles").hasRole("ADMIN")
                        // Issue 16, account/mail: letters carry members' addresses and their links: administrators.
                        .requestMatchers("/admin/mail", "/admin/mail/**").hasRole("ADMIN")
                        .requestMatchers("/admin/**").hasAnyRole("ADMIN", "EDITOR")
                        .requestMatchers("/me/**", "/materials/*/download", "/reports/**", "/requests", "/requests/**")
                        .authenticated()
                        // Issue 16, groups:
                        .requestMatchers("/groups", "/groups/**").authenticated()
                        .anyRequest().permitAll())
                .formLogin(form -> form
                        .loginPage("/login")
                        .usernameParameter("email")
                        // Issue 16, account: back to ?next= (a local path) or the page that asked for sign-in.
                        .successHandler(new SignInLanding())
                        .failureHandler((request, response, exception) -> response.sendRedirect(
                                request.getContextPath() + "/login?error="
                                        + (exception instanceof PasswordAuthenticationProvider.SignInRefused refused
                                        ? "locked&wait=" + refused.minutes()
                                        : exception instanceof LockedException ? "locked" : "bad")
                                        + SignInLanding.carriedNext(request)))
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/"))
                // The error page says why (a missing CSRF token reads differently from a missing role).
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) -> {
                    request.setAttribute(WebAttributes.ACCESS_DENIED_403, denied);
                    response.sendError(403);
                }))
                .headers(headers -> headers
                        // Written per response: the stream port is known only once it listens (port 0 = any), and
                        // its origin is the host this page was served on (the page's data-stream-src), nothing wider.
                        .addHeaderWriter((request, response) -> response.setHeader("Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                        + ("connect-src 'self' " + streamPort.connectSource(request.getServerName(),
                                                request.isSecure())).strip() + "; "
                                        + "form-action 'self'; frame-ancestors 'none'; base-uri 'self'"))
                        // Links out of the library carry the site's origin, never a page's path or query.
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY))
                        .frameOptions(f -> f.deny()));
        return http.build();
    }

    /** A write that relies on the session cookie: the case CSRF attacks exploit. */
    private static boolean cookieSessionWrite(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod())
                && !BearerTokenFilter.hasBearer(request)
                && request.getRequestedSessionId() != null;
    }
}
