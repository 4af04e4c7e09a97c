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

    private final Accounts accounts;
    private final PasswordChanges passwordChanges;

    AccountPages(Accounts accounts, PasswordChanges passwordChanges) {
        this.accounts = accounts;
        this.passwordChanges = passwordChanges;
    }

    /** The password form on the member's page ({@code /me}); other sessions and tokens end, this one goes on. */
    @PostMapping("/me/password")
    String changePassword(@RequestParam(required = false) String currentPassword,
                          @RequestParam(required = false) String newPassword,
                          HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            passwordChanges.change(currentPassword, newPassword, request, response);
            redirect.addFlashAttribute("message", "密码已修改，其他设备上的登录和 API 令牌均已失效。");
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/me";
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, Model model) {
        if ("locked".equals(error)) {
            model.addAttribute("error", "登录失败次数过多，请稍后再试。");
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
            Account account = accounts.register(email, password, displayName);
            redirect.addFlashAttribute("message", "注册成功，请登录。");
            redirect.addFlashAttribute("email", account.email());
            return "redirect:/login";
        } catch (Rejected e) {
            model.addAttribute("error", e.chinese());
            model.addAttribute("email", email);
            model.addAttribute("displayName", displayName);
            return REGISTER;
        }
    }
}
