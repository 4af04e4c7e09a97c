package org.scriptorium.library;

import java.util.List;
import org.scriptorium.common.Rejected;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Reads a {@link SearchForm} straight from the query string. Search is the busiest request there is, and Spring's
 * general data binding cost about 0.2 ms of a 4 ms search (measured with a profiler on the search benchmark); a
 * malformed number is the same 400 as before.
 */
@Configuration
class SearchFormResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == SearchForm.class;
    }

    @Override
    public SearchForm resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                      WebDataBinderFactory binders) {
        return new SearchForm(request.getParameter("q"), request.getParameter("kind"), request.getParameter("topic"),
                whole(request, "year"), request.getParameter("tier"), request.getParameter("sort"),
                whole(request, "page"), whole(request, "size"));
    }

    private static Integer whole(NativeWebRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw Rejected.ofField(400, "INVALID_FIELD", name, "字段 " + name + " 的值有误：应为整数。",
                    "The value of " + name + " is not valid: it must be a whole number.");
        }
    }
}
