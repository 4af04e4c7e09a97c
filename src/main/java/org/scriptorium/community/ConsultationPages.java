package org.scriptorium.community;

import jakarta.servlet.http.HttpServletRequest;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The asker's pages: the form (咨询客服, open to visitors and to suspended accounts), a conversation with the reply
 * form, and a signed-in user's list (我的咨询).
 */
@Controller
class ConsultationPages {

    static final String FORM = "community/consultation-new";
    static final String SENT = "community/consultation-sent";
    static final String THREAD = "community/consultation";
    static final String MINE = "community/consultations-mine";

    private final Consultations consultations;

    ConsultationPages(Consultations consultations) {
        this.consultations = consultations;
    }

    @GetMapping("/consultations/new")
    String form(@RequestParam(required = false) String subject, Model model) {
        model.addAttribute("subject", subject == null ? null : subject.strip());
        return FORM;
    }

    /** {@code website} is the honeypot: hidden from people, filled in by programs that fill in everything. */
    @PostMapping("/consultations/new")
    String ask(@RequestParam(required = false) String subject, @RequestParam(required = false) String text,
               @RequestParam(required = false) String email, @RequestParam(required = false) String website,
               HttpServletRequest request, Model model, RedirectAttributes redirect) {
        String userId = currentUser();
        try {
            ConsultationInput.honeypot(website);
            Consultations.Asked asked = consultations.ask(userId, email, subject, text, request.getRemoteAddr());
            if (asked.visitorLink() == null) {
                redirect.addFlashAttribute("message", "已收到您的咨询，运营方回复后会在通知中告诉您。");
                return "redirect:/consultations/" + asked.id();
            }
            redirect.addFlashAttribute("visitorLink", asked.visitorLink());
            redirect.addFlashAttribute("email", email.strip());
            return "redirect:/consultations/sent";
        } catch (Rejected e) {
            model.addAttribute("error", e.chinese());
            model.addAttribute("subject", subject);
            model.addAttribute("text", text);
            model.addAttribute("email", email);
            return FORM;
        }
    }

    /** After a visitor asked: their link, shown this once (a flash attribute); reloading shows only the notice. */
    @GetMapping("/consultations/sent")
    String sent() {
        return SENT;
    }

    @GetMapping("/consultations/{id}")
    String thread(@PathVariable String id, @RequestParam(required = false) String token, Model model) {
        model.addAttribute("thread", consultations.thread(id, currentUser(), token));
        model.addAttribute("token", token);
        return THREAD;
    }

    @PostMapping("/consultations/{id}/messages")
    String reply(@PathVariable String id, @RequestParam(required = false) String token,
                 @RequestParam(required = false) String text, Model model, RedirectAttributes redirect) {
        try {
            consultations.reply(id, currentUser(), token, text);
        } catch (Rejected e) {
            if (e.status() == 404) {
                throw e;
            }
            model.addAttribute("thread", consultations.thread(id, currentUser(), token));
            model.addAttribute("token", token);
            model.addAttribute("text", text);
            model.addAttribute("error", e.chinese());
            return THREAD;
        }
        redirect.addFlashAttribute("message", "已发送，运营方会尽快回复。");
        UriComponentsBuilder back = UriComponentsBuilder.fromPath("/consultations/{id}");
        if (token != null && !token.isBlank()) {
            back.queryParam("token", token.strip());
        }
        return "redirect:" + back.buildAndExpand(id).encode().toUriString();
    }

    @GetMapping("/me/consultations")
    String mine(Model model) {
        model.addAttribute("consultations", consultations.mine(currentUser()));
        return MINE;
    }

    private static String currentUser() {
        return AccountPrincipal.currentUserId().orElse(null);
    }
}
