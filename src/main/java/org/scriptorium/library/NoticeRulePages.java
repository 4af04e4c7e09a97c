package org.scriptorium.library;

import java.util.List;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The editors' page of notice rules: the built-in list to switch, their own rules to add and delete, and a trial. */
@Controller
@RequestMapping("/admin/notice-rules")
class NoticeRulePages {

    static final String PAGE = "library/admin-notice-rules";
    private static final String BACK = "redirect:/admin/notice-rules";

    private final NoticeRuleBook book;

    NoticeRulePages(NoticeRuleBook book) {
        this.book = book;
    }

    /** What the add form holds: empty at first, what was typed after a refusal. */
    record RuleForm(String pattern, boolean regex, String scope, String reason) {
        static final RuleForm EMPTY = new RuleForm("", false, "EDGE", "");
    }

    @GetMapping
    String page(Model model) {
        return show(model, RuleForm.EMPTY, null, null);
    }

    @PostMapping
    String add(@RequestParam(required = false) String pattern, @RequestParam(defaultValue = "false") boolean regex,
               @RequestParam(required = false) String scope, @RequestParam(required = false) String reason,
               Model model, RedirectAttributes redirect) {
        try {
            NoticeRuleEntry added = book.add(pattern, regex, NoticeRuleApiController.scope(scope), reason,
                    AccountPrincipal.currentUserId().orElseThrow());
            redirect.addFlashAttribute("message", "已添加规则 " + added.rule().id() + "：此后导入的资料按它清理。");
            return BACK;
        } catch (Rejected e) {
            model.addAttribute("error", e.chinese());
            return show(model, new RuleForm(pattern, regex, scope, reason), null, null);
        }
    }

    @PostMapping("/{id}/enabled")
    String enabled(@PathVariable String id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        try {
            book.setEnabled(id, enabled, AccountPrincipal.currentUserId().orElseThrow());
            redirect.addFlashAttribute("message", (enabled ? "已开启" : "已关闭") + "规则 " + id + "。");
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return BACK;
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes redirect) {
        try {
            book.delete(id);
            redirect.addFlashAttribute("message", "已删除规则 " + id + "。");
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return BACK;
    }

    @PostMapping("/try")
    String trial(@RequestParam(defaultValue = "") String text, Model model) {
        try {
            return show(model, RuleForm.EMPTY, text, StripPreview.of(text, book.current()));
        } catch (Rejected e) {
            model.addAttribute("error", e.chinese());
            return show(model, RuleForm.EMPTY, text, null);
        }
    }

    private String show(Model model, RuleForm form, String trialText, StripPreview preview) {
        List<NoticeRuleEntry> entries = book.entries();
        model.addAttribute("builtIn", entries.stream().filter(e -> e.rule().builtIn()).toList());
        model.addAttribute("own", entries.stream().filter(e -> !e.rule().builtIn()).toList());
        model.addAttribute("form", form);
        model.addAttribute("trialText", trialText);
        model.addAttribute("preview", preview);
        model.addAttribute("maxPattern", NoticeRuleCheck.MAX_PATTERN);
        model.addAttribute("maxReason", NoticeRuleCheck.MAX_REASON);
        return PAGE;
    }
}
