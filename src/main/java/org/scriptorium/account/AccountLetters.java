package org.scriptorium.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.mail.Letter;
import org.scriptorium.mail.MailLinks;
import org.springframework.stereotype.Component;

/** The letters the account module writes, in Chinese, each carrying one single-use link. */
@Component
class AccountLetters {

    static final String PASSWORD_RESET = "PASSWORD_RESET";
    static final String EMAIL_VERIFICATION = "EMAIL_VERIFICATION";

    private final MailLinks links;
    private final String siteName;

    AccountLetters(MailLinks links, ScriptoriumProperties properties) {
        this.links = links;
        this.siteName = properties.siteName();
    }

    Letter passwordReset(Account account, String token) {
        return new Letter(account.email(), "【" + siteName + "】重置密码", account.displayName() + "，您好：\n\n"
                + "有人（希望是您本人）请求重置" + siteName + "账号 " + account.email() + " 的密码。"
                + "请在 30 分钟内打开下面的链接设置新密码，链接只能使用一次：\n\n"
                + link("/password/reset", token) + "\n\n"
                + "如果不是您本人操作，请忽略本邮件，您的密码不会改变。\n", PASSWORD_RESET);
    }

    Letter emailVerification(Account account, String token) {
        return new Letter(account.email(), "【" + siteName + "】验证邮箱", account.displayName() + "，您好：\n\n"
                + "请打开下面的链接，确认 " + account.email() + " 是您在" + siteName + "的邮箱（3 天内有效）：\n\n"
                + link("/email/verify", token) + "\n\n"
                + "验证后，找回密码和会员到期提醒都会发到这个邮箱。如果您没有注册，请忽略本邮件。\n",
                EMAIL_VERIFICATION);
    }

    private String link(String path, String token) {
        return links.to(path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }
}
