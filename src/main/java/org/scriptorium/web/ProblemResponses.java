package org.scriptorium.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.scriptorium.common.Rejected;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(rejected.status()),
                en ? rejected.english() : rejected.chinese());
        problem.setTitle(rejected.title(en));
        problem.setProperty("code", rejected.code());
        rejected.properties().forEach(problem::setProperty);
        return problem;
    }

    AuthenticationEntryPoint authenticationEntryPoint() {
        return (request, response, exception) -> write(request, response, new Rejected(401, "UNAUTHENTICATED",
                "请先登录，或在 Authorization 头中提供有效的令牌。",
                "Sign in first, or send a valid token in the Authorization header."));
    }

    AccessDeniedHandler accessDeniedHandler() {
        return (request, response, exception) -> write(request, response, new Rejected(403, "FORBIDDEN",
                "您没有执行此操作的权限。", "You are not allowed to do this."));
    }

    /** Writes a problem without Spring MVC, for the security filters that answer before any controller. */
    static void write(HttpServletRequest request, HttpServletResponse response, Rejected rejected) throws IOException {
        ProblemDetail problem = of(rejected, request);
        response.setStatus(rejected.status());
        response.setContentType("application/problem+json;charset=UTF-8");
        String json = "{\"type\":\"about:blank\",\"title\":" + quote(problem.getTitle())
                + ",\"status\":" + rejected.status()
                + ",\"detail\":" + quote(problem.getDetail())
                + ",\"code\":" + quote(rejected.code()) + "}";
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
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
