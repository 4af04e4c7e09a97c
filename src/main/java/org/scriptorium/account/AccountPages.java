package org.scriptorium.account;

import org.scriptorium.common.Rejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-in and registration pages (the sign-in form itself is processed by Spring Security). */
@Controller
class AccountPages {

    static final String LOGIN = "account/login";
    static final String REGISTER = "account/register";

    private final Accounts accounts;

    AccountPages(Accounts accounts) {
        this.accounts = accounts;
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
