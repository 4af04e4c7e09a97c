package org.scriptorium.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;
import org.scriptorium.common.Rejected;
import org.springframework.core.MethodParameter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Says which field of a request was wrong and how, so that a 400 names the field (and, for a number, the range
 * allowed) instead of "the request is malformed".
 */
final class FieldErrors {

    private FieldErrors() {
    }

    /** A body Spring could not read: not JSON at all, or a property of the wrong type. */
    static Rejected unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JacksonException json && !json.getPath().isEmpty()) {
                Class<?> type = json instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
                return wrongType(path(json), type);
            }
        }
        return new Rejected(400, "MALFORMED_JSON", "请求体缺失或不是有效的 JSON，请检查后重试。",
                "The request body is missing or is not valid JSON.");
    }

    /** A field whose value is not of the type expected, e.g. {@code page=abc} or {@code "count": "many"}. */
    static Rejected wrongType(String field, Class<?> type) {
        String[] expected = expected(type);
        return Rejected.ofField(400, "INVALID_FIELD", field,
                "字段 " + field + " 的值有误" + (expected == null ? "。" : "：应为" + expected[0] + "。"),
                "The value of " + field + " is not valid" + (expected == null ? "." : ": it must be " + expected[1] + "."));
    }

    static Rejected missing(String field) {
        return Rejected.ofField(400, "MISSING_FIELD", field, "缺少字段 " + field + "。", field + " is required.");
    }

    /** The first wrong field of a bound form or a validated body. */
    static Rejected of(BindingResult result) {
        FieldError error = result.getFieldError();
        if (error == null) {
            return new Rejected(400, "BAD_REQUEST", "请求格式有误，请检查后重试。", "The request is malformed.");
        }
        if (error.isBindingFailure()) {
            return wrongType(error.getField(), result.getFieldType(error.getField()));
        }
        return Rejected.ofField(400, "INVALID_FIELD", error.getField(),
                "字段 " + error.getField() + " 的值有误：" + error.getDefaultMessage() + "。",
                "The value of " + error.getField() + " is not valid: " + error.getDefaultMessage() + ".");
    }

    /** A parameter outside its declared bounds ({@code @Min}, {@code @Max}): both bounds are named. */
    static Rejected of(HandlerMethodValidationException e) {
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            MethodParameter parameter = result.getMethodParameter();
            String field = name(parameter);
            Min min = parameter.getParameterAnnotation(Min.class);
            Max max = parameter.getParameterAnnotation(Max.class);
            if ((min != null || max != null) && result.getArgument() instanceof Number number) {
                return Rejected.outOfRange(field, number.longValue(), min == null ? Long.MIN_VALUE : min.value(),
                        max == null ? Long.MAX_VALUE : max.value());
            }
            String message = result.getResolvableErrors().isEmpty() ? "" : result.getResolvableErrors().getFirst()
                    .getDefaultMessage();
            return Rejected.ofField(400, "INVALID_FIELD", field, "字段 " + field + " 的值有误：" + message + "。",
                    "The value of " + field + " is not valid: " + message + ".");
        }
        return new Rejected(400, "BAD_REQUEST", "请求格式有误，请检查后重试。", "The request is malformed.");
    }

    private static String name(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isBlank()) {
            return param.name();
        }
        if (param != null && !param.value().isBlank()) {
            return param.value();
        }
        return parameter.getParameterName();
    }

    /** The JSON path of the property, e.g. {@code codes[2]} or {@code body.count}. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What a value of the type looks like, in Chinese and English; null when there is nothing useful to say. */
    private static String[] expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return new String[] {"整数", "a whole number"};
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || Number.class.isAssignableFrom(type)) {
            return new String[] {"数字", "a number"};
        }
        if (type == boolean.class || type == Boolean.class) {
            return new String[] {" true 或 false", "true or false"};
        }
        if (type.isEnum()) {
            String values = Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
            return new String[] {"以下之一：" + values, "one of " + values};
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return new String[] {"时间，如 2024-03-15T09:00:00+08:00", "a time such as 2024-03-15T09:00:00+08:00"};
        }
        if (type == String.class) {
            return new String[] {"文本", "text"};
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return new String[] {"数组", "an array"};
        }
        return null;
    }
}
