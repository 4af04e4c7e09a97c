package org.scriptorium.account;

import jakarta.servlet.http.HttpServletRequest;
import org.scriptorium.common.Rejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The forgotten-password pages and the address-verification link. */
@Controller
class PasswordResetPages {

    static final String FORGOT = "account/forgot";
    static final String RESET = "account/reset";
    static final String VERIFIED = "account/verified";

    /** The one answer to every request for a reset letter, whether or not the address has an account. */
    static final String LETTER_SENT = "如果该邮箱已注册，重置密码的邮件已经发出，请在 30 分钟内打开邮件中的链接。"
            + "没有收到？请检查垃圾邮件，或稍后再试。";

    private final PasswordResets resets;
    private final EmailVerifications verifications;

    PasswordResetPages(PasswordResets resets, EmailVerifications verifications) {
        this.resets = resets;
        this.verifications = verifications;
    }

    @GetMapping("/password/forgot")
    String forgot() {
        return FORGOT;
    }

    @PostMapping("/password/forgot")
    String forgot(@RequestParam(required = false) String email, HttpServletRequest request, Model model,
                  RedirectAttributes redirect) {
        try {
            resets.request(email, request.getRemoteAddr());
            redirect.addFlashAttribute("message", LETTER_SENT);
            return "redirect:/password/forgot";
        } catch (Rejected e) {
            model.addAttribute("error", e.chinese());
            model.addAttribute("email", email);
            return FORGOT;
        }
    }

    /** The link from the letter: a form for the new password while the link works, else why not. */
    @GetMapping("/password/reset")
    String reset(@RequestParam(required = false) String token, Model model) {
        boolean usable = resets.usable(token);
        model.addAttribute("usable", usable);
        model.addAttribute("token", usable ? token : null);
        if (!usable) {
            model.addAttribute("error", PasswordResets.invalid().chinese());
        }
        return RESET;
    }

    @PostMapping("/password/reset")
    String reset(@RequestParam(required = false) String token, @RequestParam(required = false) String newPassword,
                 Model model, RedirectAttributes redirect) {
        try {
            resets.reset(token, newPassword);
            redirect.addFlashAttribute("message", "密码已重置，请用新密码登录。其他设备上的登录和 API 令牌均已失效。");
            return "redirect:/login";
        } catch (Rejected e) {
            boolean stillUsable = !"RESET_LINK_INVALID".equals(e.code());
            model.addAttribute("usable", stillUsable);
            model.addAttribute("token", stillUsable ? token : null);
            model.addAttribute("error", e.chinese());
            return RESET;
        }
    }

    /** The link from a verification letter (a GET: it is opened from a mail program; it only confirms). */
    @GetMapping("/email/verify")
    String verify(@RequestParam(required = false) String token, Model model) {
        try {
            verifications.verify(token);
            model.addAttribute("message", "邮箱已验证，谢谢。");
        } catch (Rejected e) {
            model.addAttribute("error", e.chinese());
        }
        return VERIFIED;
    }

    @PostMapping("/me/email/verify")
    String resend(RedirectAttributes redirect) {
        String me = AccountPrincipal.currentUserId()
                .orElseThrow(() -> new Rejected(401, "NOT_SIGNED_IN", "请先登录。", "Sign in first."));
        try {
            redirect.addFlashAttribute("message", verifications.resend(me)
                    ? "验证邮件已发送，请查收并打开邮件中的链接。" : "邮箱已验证，无需再次验证。");
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/me";
    }
}
