package org.scriptorium.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.storage.StorageFailures;
import org.scriptorium.storage.StorageRecovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Answers a storage failure that happens before any controller (a filter reading the session or a token from a
 * database that is closed or full) as {@link ErrorAdvice} answers one inside: 503 {@code STORAGE_UNAVAILABLE} as
 * problem+json under {@code /api}, the site's error page elsewhere. That page is written here without the layout,
 * whose header would ask the same failing database.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class StorageFailureFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(StorageFailureFilter.class);

    private final ScriptoriumProperties properties;
    /** Optional so that slice tests of pages need not bring the data source. */
    private final ObjectProvider<StorageRecovery> recovery;

    StorageFailureFilter(ScriptoriumProperties properties, ObjectProvider<StorageRecovery> recovery) {
        this.properties = properties;
        this.recovery = recovery;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!StorageFailures.isStorageFailure(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Storage unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            recovery.ifAvailable(r -> r.after(e));
            response.resetBuffer();
            Rejected rejected = StorageFailures.rejection();
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                ProblemResponses.write(request, response, rejected);
            } else {
                page(request, response, rejected);
            }
        }
    }

    private void page(HttpServletRequest request, HttpServletResponse response, Rejected rejected) throws IOException {
        String title = HtmlUtils.htmlEscape(rejected.title(false));
        String site = HtmlUtils.htmlEscape(properties.siteName());
        String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + title + " · " + site + "</title>"
                + "<link rel=\"stylesheet\" href=\"" + request.getContextPath() + "/css/app.css\"></head><body>"
                + "<main class=\"narrow\"><h1>" + title + "</h1><p class=\"flash error\">"
                + HtmlUtils.htmlEscape(rejected.chinese()) + "</p><p><a href=\"" + request.getContextPath()
                + "/\">返回首页</a></p></main></body></html>";
        response.setStatus(rejected.status());
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
    }
}
