package org.scriptorium.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
            + "如该邮箱已注册，请用原密码登录。";

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) Integer wait,
                 Model model) {
        if ("locked".equals(error)) {
            model.addAttribute("error", wait != null && wait > 0 && wait <= 24 * 60
                    ? "登录尝试过于频繁，请 " + wait + " 分钟后再试。" : "登录尝试过于频繁，请稍后再试。");
        } else if (error != null) {
            model.addAttribute("error", "邮箱或密码错误。");
        }
        return LOGIN;
    }

    @GetMapping("/register")
    String register() {
        return REGISTER;
    }

    @PostMapping("/register")
    String register(@RequestParam String email, @RequestParam String password, @RequestParam String displayName,
                    Model model, RedirectAttributes redirect) {
        try {
            accounts.register(email, password, displayName);
            redirect.addFlashAttribute("message", REGISTERED);
            redirect.addFlashAttribute("email", email.strip());
            return "redirect:/login";
        } catch (Rejected e) {
            model.addAttribute("error", e.chinese());
            model.addAttribute("email", email);
            model.addAttribute("displayName", displayName);
            return REGISTER;
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
