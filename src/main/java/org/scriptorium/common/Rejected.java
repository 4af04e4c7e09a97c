package org.scriptorium.common;

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

    /**
     * @param status  the HTTP status that fits (400, 401, 403, 404, 409, 413, 422, 429)
     * @param code    a stable upper-case machine code
     * @param chinese the message shown to the user, in Chinese
     * @param english the same message in English
     */
    public Rejected(int status, String code, String chinese, String english) {
        super(chinese);
        this.status = status;
        this.code = code;
        this.english = english;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The message in Chinese. */
    public String chinese() {
        return getMessage();
    }

    /** The message in English. */
    public String english() {
        return english;
    }

    /** The short title of its status, in Chinese or English, as problem answers and error pages show it. */
    public String title(boolean inEnglish) {
        return switch (status) {
            case 400 -> inEnglish ? "Bad request" : "请求有误";
            case 401 -> inEnglish ? "Not signed in" : "未登录";
            case 403 -> inEnglish ? "Not allowed" : "无权访问";
            case 404 -> inEnglish ? "Not found" : "未找到";
            case 405 -> inEnglish ? "Method not allowed" : "方法不受支持";
            case 409 -> inEnglish ? "Conflict" : "操作冲突";
            case 413 -> inEnglish ? "Too large" : "文件过大";
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

    /** A 404 for something that does not exist, or that the caller may not know exists. */
    public static Rejected notFound(String code, String chinese, String english) {
        return new Rejected(404, code, chinese, english);
    }

    /** A 409 for a request that conflicts with what is already saved. */
    public static Rejected conflict(String code, String chinese, String english) {
        return new Rejected(409, code, chinese, english);
    }
}
