package org.scriptorium.mail;

import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrators' view of the outbox: what was sent, what waits, what failed and why. */
@Controller
class MailOutboxPages {

    static final String OUTBOX = "mail/outbox";
    private static final int SHOWN = 200;

    private final JdbcMailOutbox outbox;
    private final OutboxSender sender;
    private final Clock clock;

    MailOutboxPages(JdbcMailOutbox outbox, OutboxSender sender, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.clock = clock;
    }

    @GetMapping("/admin/mail")
    String outbox(Model model) {
        int maxAttempts = sender.schedule().maxAttempts();
        model.addAttribute("letters", outbox.newest(SHOWN, maxAttempts));
        model.addAttribute("waiting", outbox.waiting(maxAttempts));
        model.addAttribute("sending", sender.sending());
        model.addAttribute("maxAttempts", maxAttempts);
        return OUTBOX;
    }

    /** Sends an unsent letter again from its first attempt (a given-up one after the server was fixed). */
    @PostMapping("/admin/mail/{id}/retry")
    String retry(@PathVariable String id, RedirectAttributes redirect) {
        if (outbox.retryNow(id, clock.instant())) {
            sender.wake();
            redirect.addFlashAttribute("message", "已重新排队发送。");
        } else {
            redirect.addFlashAttribute("error", "该邮件已发送或不存在。");
        }
        return "redirect:/admin/mail";
    }
}
