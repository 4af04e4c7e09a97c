package org.scriptorium.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scriptorium.common.Rejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.ControllerAdviceBean;
import org.springframework.web.method.support.HandlerMethodArgumentResolverComposite;
import org.springframework.web.method.support.InvocableHandlerMethod;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * How every failure is answered, wherever it happened: problem+json with a stable {@code code} to the API
 * ({@code /api/**}), the site's own error page (with the layout: site name, who is signed in) to the browser. The MVC
 * exception handlers ({@link ErrorAdvice}) and the container's error dispatch ({@link ContainerErrors}) both answer
 * through it; failures before Spring (an unreadable request line) are answered alike by {@link ProblemReportValve}.
 */
@Component
class ErrorAnswers {

    private static final Logger log = LoggerFactory.getLogger(ErrorAnswers.class);

    private final LayoutAdvice layout;
    private final ApplicationContext context;
    /** Lazily: the adapter is built after the advice that answers through this class. */
    private final ObjectProvider<RequestMappingHandlerAdapter> adapter;
    private volatile List<LayoutMethod> layoutMethods;

    ErrorAnswers(LayoutAdvice layout, ApplicationContext context, ObjectProvider<RequestMappingHandlerAdapter> adapter) {
        this.layout = layout;
        this.context = context;
        this.adapter = adapter;
    }

    /** One {@code @ModelAttribute} method of a {@code @ControllerAdvice}, with the arguments it is called with. */
    private record LayoutMethod(Object bean, Method method, HandlerMethodArgumentResolverComposite resolvers) {
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
        page.addAllObjects(layoutAttributes(request));
        page.addObject("status", rejected.status());
        page.addObject("title", rejected.title(false));
        page.addObject("message", rejected.chinese());
        return page;
    }

    /**
     * What every page's layout gets from the {@code @ModelAttribute} methods of the {@code @ControllerAdvice}s (the
     * site's name and who is signed in from {@link LayoutAdvice}, the bell, the unread-notice dot, …). Spring calls
     * them for a controller's page but not for an exception handler's view nor on the error dispatch, where the
     * title read {@code · null} and a signed-in reader was offered 登录/注册; so they are called here the same way.
     * One that fails (the failure shown may be the database's) leaves out only what it adds: the page keeps at least
     * the site's name.
     */
    private Map<String, Object> layoutAttributes(HttpServletRequest request) {
        ModelAndViewContainer model = new ModelAndViewContainer();
        ServletWebRequest web = new ServletWebRequest(request);
        for (LayoutMethod m : layoutMethods()) {
            InvocableHandlerMethod call = new InvocableHandlerMethod(m.bean(), m.method());
            call.setHandlerMethodArgumentResolvers(m.resolvers());
            try {
                call.invokeForRequest(web, model);
            } catch (Exception e) {
                log.debug("Layout attributes of {} left out of an error page: {}", m.method(), e.toString());
            }
        }
        model.getModel().putIfAbsent("siteName", layout.siteName());
        model.getModel().putIfAbsent("staff", false);
        return model.getModel();
    }

    private List<LayoutMethod> layoutMethods() {
        List<LayoutMethod> methods = layoutMethods;
        if (methods == null) {
            HandlerMethodArgumentResolverComposite resolvers = new HandlerMethodArgumentResolverComposite()
                    .addResolvers(adapter.getObject().getArgumentResolvers());
            methods = new ArrayList<>();
            for (ControllerAdviceBean advice : ControllerAdviceBean.findAnnotatedBeans(context)) {
                if (advice.getBeanType() == null || !advice.isApplicableToBeanType(ContainerErrors.class)) {
                    continue;
                }
                Object bean = advice.resolveBean();
                for (Method method : MethodIntrospector.selectMethods(advice.getBeanType(),
                        (Method m) -> m.getReturnType() == void.class
                                && AnnotatedElementUtils.hasAnnotation(m, ModelAttribute.class)
                                && !AnnotatedElementUtils.hasAnnotation(m, RequestMapping.class))) {
                    methods.add(new LayoutMethod(bean, method, resolvers));
                }
            }
            layoutMethods = methods = List.copyOf(methods);
        }
        return methods;
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
