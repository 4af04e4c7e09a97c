package org.scriptorium.community;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scriptorium.common.Rejected;

/**
 * What an asker or staff member may send: the limits on subjects, texts and addresses, and the material an answer
 * names. Each check returns the cleaned value or throws a {@link Rejected} naming the field; nothing is stored before.
 */
final class ConsultationInput {

    static final int MAX_SUBJECT = 100;
    static final int MAX_TEXT = 4000;
    static final int MAX_EMAIL = 254;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    /** A material's page as copied from the browser, or its bare id (our ids are lower-case letters and digits). */
    private static final Pattern MATERIAL = Pattern.compile("(?:^|/materials/)([a-z0-9]{4,32})(?:[/?#].*)?$");

    private ConsultationInput() {
    }

    /** The subject without surrounding blanks; null when none was given. */
    static String subject(String subject) {
        if (subject == null || subject.isBlank()) {
            return null;
        }
        String clean = subject.strip();
        if (clean.length() > MAX_SUBJECT) {
            throw Rejected.ofField(422, "SUBJECT_TOO_LONG", "subject", "主题最多 " + MAX_SUBJECT + " 个字。",
                    "The subject may be at most " + MAX_SUBJECT + " characters.");
        }
        return clean;
    }

    /** The message's text without surrounding blanks. */
    static String text(String text) {
        if (text == null || text.isBlank()) {
            throw Rejected.ofField(422, "TEXT_REQUIRED", "text", "请填写要咨询或回复的内容。", "Write the message.");
        }
        String clean = text.strip();
        if (clean.length() > MAX_TEXT) {
            throw Rejected.ofField(422, "TEXT_TOO_LONG", "text",
                    "内容最多 " + MAX_TEXT + " 个字（收到 " + clean.length() + " 个字），请分几次发送。",
                    "A message may be at most " + MAX_TEXT + " characters (got " + clean.length() + ").");
        }
        return clean;
    }

    /** A visitor's address for the answer, in lower case. */
    static String email(String email) {
        if (email == null || email.isBlank()) {
            throw Rejected.ofField(422, "EMAIL_REQUIRED", "email", "未登录时请留下邮箱，回复会发送到这个邮箱。",
                    "Without an account, leave an e-mail address for the answer.");
        }
        String clean = email.strip().toLowerCase(Locale.ROOT);
        if (clean.length() > MAX_EMAIL || !EMAIL.matcher(clean).matches()) {
            throw Rejected.ofField(422, "INVALID_EMAIL", "email", "请输入有效的邮箱地址。", "Enter a valid e-mail address.");
        }
        return clean;
    }

    /**
     * The field people never see on the form, which only a program filling in every field fills.
     *
     * @throws Rejected 422 {@code SPAM_SUSPECTED} when it holds anything
     */
    static void honeypot(String value) {
        if (value != null && !value.isEmpty()) {
            throw Rejected.invalid("SPAM_SUSPECTED", "提交未被接受。请不要自动填写表单，直接在页面上输入后再试。",
                    "Not accepted: the form looks filled in by a program.");
        }
    }

    /**
     * The material id in what staff gave: the id, or a link to the material's page ({@code https://…/materials/<id>?…}).
     *
     * @return null when nothing was given
     * @throws Rejected 422 {@code INVALID_MATERIAL} for anything else
     */
    static String materialId(String reference) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        Matcher m = MATERIAL.matcher(reference.strip());
        if (!m.find()) {
            throw Rejected.ofField(422, "INVALID_MATERIAL", "materialId", "资料请填写编号或资料页面的链接。",
                    "Give the material's id or the link to its page.");
        }
        return m.group(1);
    }
}
