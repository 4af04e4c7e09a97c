package org.scriptorium.common;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request that cannot be carried out because of what the user sent or asked for.
 *
 * <p>It carries everything the web layer needs to answer: an HTTP status, a stable machine code
 * (e.g. {@code CODE_ALREADY_REDEEMED}) and the message in Chinese (the default) and English.
 * Nothing is changed when it is thrown: callers throw it before they write.
 */
public class Rejected extends RuntimeException {

    private final int status;
    private final String code;
    private final String english;
    private final String field;
    private Duration retryAfter;
    private final Map<String, String> properties = new LinkedHashMap<>();

    /**
     * @param status  the HTTP status that fits (400, 401, 403, 404, 409, 413, 422, 429)
     * @param code    a stable upper-case machine code
     * @param chinese the message shown to the user, in Chinese
     * @param english the same message in English
     */
    public Rejected(int status, String code, String chinese, String english) {
        this(status, code, chinese, english, null);
    }

    private Rejected(int status, String code, String chinese, String english, String field) {
        super(chinese);
        this.status = status;
        this.code = code;
        this.english = english;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The request field (parameter, JSON property or form field) that was wrong, or null when it is not one field. */
    public String field() {
        return field;
    }

    /** The message in Chinese. */
    public String chinese() {
        return getMessage();
    }

    /** The message in English. */
    public String english() {
        return english;
    }

    /** How long the caller should wait before trying again (sent as {@code Retry-After}); empty if not said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Further machine-readable members of the problem answer (e.g. which password rule failed), in order. */
    public Map<String, String> properties() {
        return Collections.unmodifiableMap(properties);
    }

    /** This rejection, with one more member of the problem answer. */
    public Rejected with(String name, String value) {
        properties.put(name, value);
        return this;
    }

    /** The short title of its status, in Chinese or English, as problem answers and error pages show it. */
    public String title(boolean inEnglish) {
        return switch (status) {
            case 400 -> inEnglish ? "Bad request" : "请求有误";
            case 401 -> inEnglish ? "Not signed in" : "未登录";
            case 403 -> inEnglish ? "Not allowed" : "无权访问";
            case 404 -> inEnglish ? "Not found" : "未找到";
            case 405 -> inEnglish ? "Method not allowed" : "方法不受支持";
            case 406 -> inEnglish ? "Not acceptable" : "无法提供所需格式";
            case 409 -> inEnglish ? "Conflict" : "操作冲突";
            case 413 -> inEnglish ? "Too large" : "文件过大";
            case 414 -> inEnglish ? "Address too long" : "网址过长";
            case 415 -> inEnglish ? "Unsupported media type" : "不支持的内容类型";
            case 422 -> inEnglish ? "Invalid input" : "输入有误";
            case 429 -> inEnglish ? "Too many requests" : "请求过于频繁";
            case 431 -> inEnglish ? "Request too large" : "请求过大";
            case 503 -> inEnglish ? "Service unavailable" : "服务暂不可用";
            default -> inEnglish ? "Server error" : "服务器错误";
        };
    }

    /** A 422 for input that is malformed or empty. */
    public static Rejected invalid(String code, String chinese, String english) {
        return new Rejected(422, code, chinese, english);
    }

    /**
     * A rejection that names the one field that was wrong (problem answers carry it as {@code field}).
     *
     * @param field the parameter, JSON property or form field as the caller sent it
     */
    public static Rejected ofField(int status, String code, String field, String chinese, String english) {
        return new Rejected(status, code, chinese, english, field);
    }

    /**
     * A 400 {@code OUT_OF_RANGE} for a number outside {@code [min, max]}, naming the field and the range: values out
     * of range are refused, never clamped silently.
     */
    public static Rejected outOfRange(String field, long value, long min, long max) {
        String chinese = max == Long.MAX_VALUE ? "应不小于 " + min : min == Long.MIN_VALUE ? "应不大于 " + max
                : "应在 " + min + " 到 " + max + " 之间";
        String english = max == Long.MAX_VALUE ? "at least " + min : min == Long.MIN_VALUE ? "at most " + max
                : "between " + min + " and " + max;
        return ofField(400, "OUT_OF_RANGE", field, field + " 超出允许范围：" + chinese + "（收到 " + value + "）。",
                field + " is out of range: it must be " + english + " (got " + value + ").");
    }

    /**
     * Checks that a number lies within {@code [min, max]}.
     *
     * @return {@code value}
     * @throws Rejected 400 {@code OUT_OF_RANGE} naming the field and the range otherwise
     */
    public static int requireInRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw outOfRange(field, value, min, max);
        }
        return value;
    }

    /** A 404 for something that does not exist, or that the caller may not know exists. */
    public static Rejected notFound(String code, String chinese, String english) {
        return new Rejected(404, code, chinese, english);
    }

    /** A 409 for a request that conflicts with what is already saved. */
    public static Rejected conflict(String code, String chinese, String english) {
        return new Rejected(409, code, chinese, english);
    }

    /** A 429 for a limit reached: the answer carries {@code Retry-After} (whole seconds, rounded up). */
    public static Rejected tooMany(String code, String chinese, String english, Duration retryAfter) {
        Rejected rejected = new Rejected(429, code, chinese, english);
        rejected.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
        return rejected;
    }

    /**
     * A 503 for a service the request needs that does not answer now (not the caller's fault, nothing was changed):
     * the answer carries {@code Retry-After}.
     */
    public static Rejected unavailable(String code, String chinese, String english, Duration retryAfter) {
        Rejected rejected = new Rejected(503, code, chinese, english);
        rejected.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
        return rejected;
    }

    /** The wait as the {@code Retry-After} header says it: whole seconds, rounded up, at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** A wait in whole minutes for people, rounded up, at least 1. */
    public static long minutes(Duration wait) {
        return Math.max(1, (retryAfterSeconds(wait) + 59) / 60);
    }
}
