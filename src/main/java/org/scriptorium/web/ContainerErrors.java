package org.scriptorium.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.scriptorium.common.Rejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The container's error dispatch ({@code /error}), in place of Spring Boot's default: what a filter threw (a
 * database failure while the bearer token is looked up), what Spring Security refused on a page (a missing CSRF
 * token) and any status sent with {@code sendError} are answered in the one error format. Asked for directly,
 * {@code /error} is an unknown page like any other.
 */
@Controller
class ContainerErrors implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ContainerErrors.class);

    private final ErrorAnswers answers;

    ContainerErrors(ErrorAnswers answers) {
        this.answers = answers;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    Object error(HttpServletRequest request) {
        return answers.answer(rejection(request), request);
    }

    private static Rejected rejection(HttpServletRequest request) {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Rejected rejected) {
                return rejected;
            }
        }
        if (failure != null) {
            log.error("Unexpected failure on {} {}", request.getAttribute(RequestDispatcher.ERROR_METHOD),
                    request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), failure);
            return ErrorAnswers.internalError(500);
        }
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status)) {
            return ErrorAnswers.notFound(); // not an error dispatch: someone opened /error
        }
        if (status == 403 && request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException) {
            return new Rejected(403, "CSRF_TOKEN_INVALID", "页面已过期或缺少安全令牌，请刷新页面后重试。",
                    "The page expired or its security token is missing; reload the page and try again.");
        }
        return ErrorAnswers.forStatus(status);
    }
}
