package org.scriptorium.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.scriptorium.common.Rejected;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * How every failure is answered, wherever it happened: problem+json with a stable {@code code} to the API
 * ({@code /api/**}), the site's own error page (with the layout: site name, who is signed in) to the browser. The MVC
 * exception handlers ({@link ErrorAdvice}) and the container's error dispatch ({@link ContainerErrors}) both answer
 * through it; failures before Spring (an unreadable request line) are answered alike by {@link ProblemReportValve}.
 */
@Component
class ErrorAnswers {

    private final LayoutAdvice layout;

    ErrorAnswers(LayoutAdvice layout) {
        this.layout = layout;
    }

    /** True when the request, or on the error dispatch the request that failed, is an API call. */
    static boolean api(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed instanceof String s ? s : request.getRequestURI();
        return isApiPath(uri, request.getContextPath());
    }

    static boolean isApiPath(String uri, String contextPath) {
        return uri != null && uri.startsWith((contextPath == null ? "" : contextPath) + "/api/");
    }

    /** Problem+json for the API, else the error page with the layout's attributes. */
    Object answer(Rejected rejected, HttpServletRequest request) {
        if (api(request)) {
            return ResponseEntity.status(rejected.status())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemResponses.of(rejected, request));
        }
        ModelAndView page = new ModelAndView("error/problem");
        page.setStatus(HttpStatusCode.valueOf(rejected.status()));
        page.addAllObjects(layoutAttributes());
        page.addObject("status", rejected.status());
        page.addObject("title", rejected.title(false));
        page.addObject("message", rejected.chinese());
        return page;
    }

    private Map<String, Object> layoutAttributes() {
        try {
            return layout.attributes();
        } catch (RuntimeException databaseDown) {
            // The failure being shown may be the database's: the page still carries the site's name.
            Map<String, Object> bare = new HashMap<>();
            bare.put("siteName", layout.siteName());
            bare.put("staff", false);
            return bare;
        }
    }

    /**
     * The rejection for an HTTP error status that reached the container without one of ours (a filter's failure,
     * Spring Security's refusal of a page, Tomcat's refusal of a request it could not read).
     */
    static Rejected forStatus(int status) {
        return switch (status) {
            case 400 -> new Rejected(400, "BAD_REQUEST", "请求格式有误，请检查后重试。", "The request is malformed.");
            case 401 -> new Rejected(401, "UNAUTHENTICATED", "请先登录。", "Sign in first.");
            case 403 -> new Rejected(403, "FORBIDDEN", "您没有执行此操作的权限。", "You are not allowed to do this.");
            case 404 -> notFound();
            case 405 -> new Rejected(405, "METHOD_NOT_ALLOWED", "不支持该请求方法。", "Method not allowed.");
            case 406 -> new Rejected(406, "NOT_ACCEPTABLE", "无法以请求的格式（Accept）作答。",
                    "The answer cannot be given in the format asked for (Accept).");
            case 413 -> new Rejected(413, "REQUEST_TOO_LARGE", "请求内容过大。", "The request is too large.");
            case 414 -> new Rejected(414, "URI_TOO_LONG", "网址过长，请缩短查询内容后重试。",
                    "The address is too long; shorten the query and try again.");
            case 415 -> unsupportedMediaType();
            case 431 -> new Rejected(431, "HEADERS_TOO_LARGE", "请求头过大（例如 Cookie 过多），请清除本站 Cookie 后重试。",
                    "The request headers are too large (too many cookies?); clear this site's cookies and try again.");
            case 503 -> new Rejected(503, "SERVICE_UNAVAILABLE", "服务暂时不可用，请稍后再试。",
                    "The service is unavailable for the moment; please try again later.");
            default -> status >= 500 || status < 400 ? internalError(status >= 500 ? status : 500)
                    : new Rejected(status, "BAD_REQUEST", "请求有误，请检查后重试。", "The request cannot be carried out.");
        };
    }

    static Rejected notFound() {
        return Rejected.notFound("NOT_FOUND", "页面不存在。", "Not found.");
    }

    static Rejected unsupportedMediaType() {
        return new Rejected(415, "UNSUPPORTED_MEDIA_TYPE",
                "不支持该请求内容类型（Content-Type）：JSON 接口请发送 application/json。",
                "Unsupported Content-Type: JSON endpoints take application/json.");
    }

    static Rejected internalError(int status) {
        return new Rejected(status, "INTERNAL_ERROR", "服务器出了点问题，请稍后再试。",
                "Something went wrong on the server; please try again later.");
    }
}
