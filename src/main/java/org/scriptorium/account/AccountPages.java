package org.scriptorium.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.scriptorium.common.Rejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-in, registration and password-change pages (the sign-in form itself is processed by Spring Security). */
@Controller
class AccountPages {

    static final String LOGIN = "account/login";
    static final String REGISTER = "account/register";
    static final String PASSWORD = "account/password";

    private final Accounts accounts;
    private final PasswordChanges passwordChanges;

    AccountPages(Accounts accounts, PasswordChanges passwordChanges) {
        this.accounts = accounts;
        this.passwordChanges = passwordChanges;
    }

    /** What the registration page says after every valid registration, new address or not. */
    static final String REGISTERED = "注册申请已受理。如该邮箱此前未注册，账号已创建，请用刚才设置的密码登录；"
            + "如该邮箱已注册，请用原密码登录，忘记密码可通过邮箱找回。";

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) Integer wait,
                 @RequestParam(required = false) String next, Model model) {
        if ("locked".equals(error)) {
            model.addAttribute("error", wait != null && wait > 0 && wait <= 24 * 60
                    ? "登录尝试过于频繁，请 " + wait + " 分钟后再试。" : "登录尝试过于频繁，请稍后再试。");
        } else if (error != null) {
            model.addAttribute("error", "邮箱或密码错误。");
        }
        LocalPath.of(next).ifPresent(path -> model.addAttribute("next", path));
        return LOGIN;
    }

    @GetMapping("/register")
    String register(@RequestParam(required = false) String next, Model model) {
        LocalPath.of(next).ifPresent(path -> model.addAttribute("next", path));
        return REGISTER;
    }

    /**
     * Registers and signs the new member in at once, then goes on to {@code next} (a {@link LocalPath}) or to
     * {@code /me}. For an address already registered, the owner typing their own password is signed in as by the
     * sign-in form (same throttle); anyone else is sent to the sign-in page, with the same words as the API's answer.
     */
    @PostMapping("/register")
    String register(@RequestParam String email, @RequestParam String password, @RequestParam String displayName,
                    @RequestParam(required = false) String next, HttpServletRequest request,
                    HttpServletResponse response, Model model, RedirectAttributes redirect) {
        String landing = LocalPath.of(next).orElse("/me");
        try {
            Optional<Account> created = accounts.register(email, password, displayName);
            if (created.isPresent()) {
                BrowserSignIn.signIn(created.get(), accounts.now(), request, response);
                redirect.addFlashAttribute("message", "注册成功，已为您登录。验证邮件已发往 " + created.get().email()
                        + "，请打开邮件中的链接完成验证。");
                return "redirect:" + landing;
            }
        } catch (Rejected e) {
            model.addAttribute("error", e.chinese());
            model.addAttribute("email", email);
            model.addAttribute("displayName", displayName);
            LocalPath.of(next).ifPresent(path -> model.addAttribute("next", path));
            return REGISTER;
        }
        try {
            Account owner = accounts.authenticate(email, password, request.getRemoteAddr());
            BrowserSignIn.signIn(owner, accounts.now(), request, response);
            redirect.addFlashAttribute("message", "该邮箱已注册，已用您输入的密码为您登录。");
            return "redirect:" + landing;
        } catch (Rejected notTheOwner) {
            redirect.addFlashAttribute("message", REGISTERED);
            redirect.addFlashAttribute("email", email.strip());
            return "redirect:/login" + LocalPath.of(next)
                    .map(path -> "?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8)).orElse("");
        }
    }

    @GetMapping("/me/password")
    String password() {
        return PASSWORD;
    }

    /**
     * The password form (on {@code /me} and on its own page): every other session and token of the account ends, this
     * one goes on. A refusal shows the password page with the reason.
     */
    @PostMapping("/me/password")
    String changePassword(@RequestParam(required = false) String currentPassword,
                          @RequestParam(required = false) String newPassword,
                          HttpServletRequest request, HttpServletResponse response, Model model,
                          RedirectAttributes redirect) {
        try {
            passwordChanges.change(currentPassword, newPassword, request, response);
            redirect.addFlashAttribute("message", "密码已修改，其他设备上的登录和 API 令牌均已失效。");
            return "redirect:/me";
        } catch (Rejected e) {
            model.addAttribute("error", e.chinese());
            return PASSWORD;
        }
    }
}
