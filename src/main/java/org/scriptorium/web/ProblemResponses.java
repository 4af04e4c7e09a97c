package org.scriptorium.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.scriptorium.common.Rejected;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

/**
 * The one HTTP error format of the API: RFC 9457 problem+json with {@code title} and {@code detail} in the
 * caller's language (Chinese unless {@code Accept-Language} asks for English) and a stable {@code code}.
 */
@Component
public class ProblemResponses {

    /** True when the request prefers English. */
    public static boolean english(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        return header != null && header.strip().toLowerCase(Locale.ROOT).startsWith("en");
    }

    /** The problem for a rejection, in the caller's language. */
    public static ProblemDetail of(Rejected rejected, HttpServletRequest request) {
        boolean en = english(request);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(rejected.status()),
                en ? rejected.english() : rejected.chinese());
        problem.setTitle(rejected.title(en));
        problem.setProperty("code", rejected.code());
        if (rejected.field() != null) {
            problem.setProperty("field", rejected.field());
        }
        rejected.properties().forEach(problem::setProperty);
        return problem;
    }

    AuthenticationEntryPoint authenticationEntryPoint() {
        return (request, response, exception) -> write(request, response, new Rejected(401, "UNAUTHENTICATED",
                "请先登录，或在 Authorization 头中提供有效的令牌。",
                "Sign in first, or send a valid token in the Authorization header."));
    }

    AccessDeniedHandler accessDeniedHandler() {
        return (request, response, exception) -> write(request, response, exception instanceof CsrfException
                ? csrfRejected() : new Rejected(403, "FORBIDDEN", "您没有执行此操作的权限。", "You are not allowed to do this."));
    }

    /**
     * A write with the session cookie but without a valid CSRF token: said as such, since a script that sent the
     * cookie is told what to add, and a page that sat open past its session is told to reload.
     */
    static Rejected csrfRejected() {
        return new Rejected(403, "CSRF_TOKEN_INVALID",
                "缺少或无效的 CSRF 令牌：请刷新页面后重试；脚本请改用 Authorization: Bearer 令牌，或在 X-CSRF-TOKEN 头中提供令牌。",
                "The CSRF token is missing or invalid: reload the page and try again; scripts should use an "
                        + "Authorization: Bearer token, or send the token in the X-CSRF-TOKEN header.");
    }

    /** Writes a problem without Spring MVC, for the security filters that answer before any controller. */
    static void write(HttpServletRequest request, HttpServletResponse response, Rejected rejected) throws IOException {
        response.setStatus(rejected.status());
        response.setContentType("application/problem+json;charset=UTF-8");
        response.getOutputStream().write(json(rejected, request).getBytes(StandardCharsets.UTF_8));
    }

    /** The problem as JSON text, for answers written outside Spring MVC (filters, the container's error report). */
    static String json(Rejected rejected, HttpServletRequest request) {
        ProblemDetail problem = of(rejected, request);
        return "{\"type\":\"about:blank\",\"title\":" + quote(problem.getTitle())
                + ",\"status\":" + rejected.status()
                + ",\"detail\":" + quote(problem.getDetail())
                + ",\"code\":" + quote(rejected.code())
                + (rejected.field() == null ? "" : ",\"field\":" + quote(rejected.field())) + "}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
