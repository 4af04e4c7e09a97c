package org.scriptorium.community;

import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The staff's pages: the inbox (未分配 / 我的 / 已关闭), a conversation to assign, answer and close, 常用回复. */
@Controller
class ConsultationAdminPages {

    static final String INBOX = "community/admin-consultations";
    static final String THREAD = "community/admin-consultation";
    static final String CANNED = "community/admin-canned-replies";

    private final Consultations consultations;
    private final CannedReplyBook canned;

    ConsultationAdminPages(Consultations consultations, CannedReplyBook canned) {
        this.consultations = consultations;
        this.canned = canned;
    }

    @GetMapping("/admin/consultations")
    String inbox(@RequestParam(required = false) String box, Model model) {
        ConsultationBox chosen = ConsultationBox.parse(box);
        String staffId = currentUser();
        model.addAttribute("box", chosen);
        model.addAttribute("boxes", ConsultationBox.values());
        model.addAttribute("counts", consultations.counts(staffId));
        model.addAttribute("consultations", consultations.inbox(staffId, chosen));
        return INBOX;
    }

    @GetMapping("/admin/consultations/{id}")
    String thread(@PathVariable String id, Model model) {
        return page(id, null, null, model);
    }

    @PostMapping("/admin/consultations/{id}/assign")
    String assign(@PathVariable String id, @RequestParam(required = false) String staffId, RedirectAttributes redirect) {
        return act(id, redirect, () -> consultations.assign(id, currentUser(), staffId), "已分配。");
    }

    @PostMapping("/admin/consultations/{id}/close")
    String close(@PathVariable String id, RedirectAttributes redirect) {
        return act(id, redirect, () -> consultations.close(id, currentUser()), "已关闭。用户再次留言时会重新打开。");
    }

    @PostMapping("/admin/consultations/{id}/answer")
    String answer(@PathVariable String id, @RequestParam(required = false) String text,
                  @RequestParam(required = false) String material, Model model, RedirectAttributes redirect) {
        try {
            Consultation answered = consultations.answer(id, currentUser(), text, material).consultation();
            redirect.addFlashAttribute("message", answered.visitor() ? "已回复，并已发邮件通知访客。" : "已回复，并已在通知中告诉用户。");
            return "redirect:/admin/consultations/" + id;
        } catch (Rejected e) {
            if (e.status() == 404) {
                throw e;
            }
            model.addAttribute("error", e.chinese());
            return page(id, text, material, model);
        }
    }

    /**
     * Puts a canned reply into the answer being written (after what is there), without sending: the page comes back
     * with the draft, so this works without script.
     */
    @PostMapping("/admin/consultations/{id}/insert")
    String insert(@PathVariable String id, @RequestParam(required = false) String text,
                  @RequestParam(required = false) String material, @RequestParam(required = false) String cannedId,
                  Model model) {
        String draft = text == null ? "" : text.strip();
        try {
            String reply = canned.get(cannedId).text();
            draft = draft.isEmpty() ? reply : draft + "\n\n" + reply;
        } catch (Rejected e) {
            model.addAttribute("error", "请先选择一条常用回复。");
        }
        return page(id, draft, material, model);
    }

    @GetMapping("/admin/canned-replies")
    String cannedReplies(Model model) {
        model.addAttribute("replies", canned.all());
        return CANNED;
    }

    @PostMapping("/admin/canned-replies")
    String addCannedReply(@RequestParam(required = false) String title, @RequestParam(required = false) String text,
                          RedirectAttributes redirect) {
        return cannedAct(redirect, () -> canned.create(currentUser(), title, text), "已添加常用回复。");
    }

    @PostMapping("/admin/canned-replies/{id}")
    String changeCannedReply(@PathVariable String id, @RequestParam(required = false) String title,
                             @RequestParam(required = false) String text, RedirectAttributes redirect) {
        return cannedAct(redirect, () -> canned.update(id, currentUser(), title, text), "已保存。");
    }

    @PostMapping("/admin/canned-replies/{id}/delete")
    String deleteCannedReply(@PathVariable String id, RedirectAttributes redirect) {
        return cannedAct(redirect, () -> canned.delete(id), "已删除。");
    }

    private String page(String id, String draft, String material, Model model) {
        ConsultationThread thread = consultations.thread(id, currentUser(), null);
        model.addAttribute("thread", thread);
        model.addAttribute("box", consultations.boxOf(thread.consultation(), currentUser()).orElse(null));
        model.addAttribute("staffMembers", consultations.staff());
        model.addAttribute("replies", canned.all());
        model.addAttribute("draft", draft);
        model.addAttribute("material", material);
        return THREAD;
    }

    private static String act(String id, RedirectAttributes redirect, Runnable action, String done) {
        try {
            action.run();
            redirect.addFlashAttribute("message", done);
        } catch (Rejected e) {
            if (e.status() == 404 && "CONSULTATION_NOT_FOUND".equals(e.code())) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/admin/consultations/" + id;
    }

    private static String cannedAct(RedirectAttributes redirect, Runnable action, String done) {
        try {
            action.run();
            redirect.addFlashAttribute("message", done);
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/admin/canned-replies";
    }

    private static String currentUser() {
        return AccountPrincipal.currentUserId().orElseThrow();
    }
}
