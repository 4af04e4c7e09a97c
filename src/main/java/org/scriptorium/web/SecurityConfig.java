package org.scriptorium.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.BearerTokenFilter;
import org.scriptorium.account.EndedSessionFilter;
import org.scriptorium.account.PasswordAuthenticationProvider;
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
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Two filter chains. The API answers with problem+json and accepts bearer tokens (no CSRF token needed for
 * those) as well as the browser's session cookie (then CSRF applies). The pages use form sign-in, sessions
 * and CSRF on every form.
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfig {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

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
                        // The audit log watches the editors too: only administrators read it.
                        .requestMatchers("/api/v1/admin/audit", "/api/v1/admin/audit/**").hasRole("ADMIN")
                        // Webhook secrets sign what is relayed in the library's name: administrators only.
                        .requestMatchers("/api/v1/admin/webhooks", "/api/v1/admin/webhooks/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/admin/**").hasAnyRole("ADMIN", "EDITOR")
                        .requestMatchers(HttpMethod.GET, "/api/v1/materials", "/api/v1/materials/*",
                                "/api/v1/passages", "/api/v1/suggest").permitAll()
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
                        .requestMatchers("/admin/**").hasAnyRole("ADMIN", "EDITOR")
                        .requestMatchers("/me/**", "/materials/*/download", "/reports/**", "/requests", "/requests/**")
                        .authenticated()
                        .anyRequest().permitAll())
                .formLogin(form -> form
                        .loginPage("/login")
                        .usernameParameter("email")
                        .defaultSuccessUrl("/", false)
                        .failureHandler((request, response, exception) -> response.sendRedirect(
                                request.getContextPath() + "/login?error="
                                        + (exception instanceof PasswordAuthenticationProvider.SignInRefused refused
                                        ? "locked&wait=" + refused.minutes()
                                        : exception instanceof LockedException ? "locked" : "bad")))
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/"))
                .headers(headers -> headers
                        // Written per response: the stream port is known only once it listens (port 0 = any).
                        .addHeaderWriter((request, response) -> response.setHeader("Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                        + "connect-src 'self' " + streamPort.connectSource() + "; "
                                        + "form-action 'self'; frame-ancestors 'none'; base-uri 'self'"))
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
