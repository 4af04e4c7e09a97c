package org.scriptorium.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.scriptorium.common.Rejected;

/**
 * Tomcat's own error report, for what fails before Spring sees the request (a request line or headers over
 * {@code server.max-http-request-header-size}, a malformed request) or after its error dispatch could not answer:
 * problem+json for the API, a plain page with the site's name for the browser, never Tomcat's HTML with its
 * version in it.
 */
final class ProblemReportValve extends ErrorReportValve {

    private final String siteName;
    private final String headerLimit;

    /**
     * @param headerLimit {@code server.max-http-request-header-size} as configured, named when a request is refused
     */
    ProblemReportValve(String siteName, String headerLimit) {
        this.siteName = siteName;
        this.headerLimit = headerLimit;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        String uri = request.getRequestURI();
        Rejected rejected = status == 400 ? unreadable() : ErrorAnswers.forStatus(status);
        // A request line Tomcat could not read (longer than the limit) leaves no path to tell the API from a page
        // by: it gets the API's format, since scripts need the code and a browser shows the Chinese detail anyway.
        boolean api = uri == null || uri.isEmpty() || ErrorAnswers.isApiPath(uri, request.getContextPath());
        try {
            response.setContentType(api ? "application/problem+json" : "text/html");
            response.setCharacterEncoding("UTF-8");
            // Spring Security never saw this request: the page gets the headers it would have had.
            response.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'self'");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(api ? ProblemResponses.json(rejected, request) : page(rejected));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException clientGone) {
            // nobody left to tell
        }
    }

    private Rejected unreadable() {
        return new Rejected(400, "BAD_REQUEST", "请求无法读取：网址和请求头合计超过 " + headerLimit + " 上限，或格式有误。请缩短查询内容后重试。",
                "The request cannot be read: the address and headers exceed " + headerLimit
                        + " together, or are malformed. Shorten the query and try again.");
    }

    private String page(Rejected rejected) {
        String title = escape(rejected.title(false));
        String site = escape(siteName);
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + title + " · " + site + "</title><link rel=\"stylesheet\" href=\"/css/app.css\"></head>"
                + "<body><header class=\"site-header\"><a class=\"brand\" href=\"/\">" + site + "</a></header>"
                + "<main class=\"narrow\"><h1>" + title + "</h1><p class=\"flash error\">" + escape(rejected.chinese())
                + "</p><p><a href=\"/\">返回首页</a></p></main></body></html>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
