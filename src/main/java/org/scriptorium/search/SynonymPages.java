package org.scriptorium.search;

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

/** The editors' page of synonyms: the built-in groups to read, their own to add, edit, switch and delete, a trial. */
@Controller
@RequestMapping("/admin/synonyms")
class SynonymPages {

    static final String PAGE = "search/admin-synonyms";
    private static final String BACK = "redirect:/admin/synonyms";

    private final SynonymStore store;

    SynonymPages(SynonymStore store) {
        this.store = store;
    }

    /**
     * What a group's form holds: empty at first, what was typed after a refusal.
     *
     * @param id    the group being edited, or null for the add form
     * @param terms the terms as typed, separated by {@code /} or commas
     * @param error why it was refused, in Chinese, or null
     */
    record GroupForm(String id, String terms, String note, String error) {
        static final GroupForm EMPTY = new GroupForm(null, "", "", null);
    }

    @GetMapping
    String page(@RequestParam(required = false) String q, Model model) {
        List<SynonymStore.Match> matches = null;
        if (q != null && !q.isBlank()) {
            try {
                matches = store.matches(q);
            } catch (Rejected e) {
                model.addAttribute("trialError", e.chinese());
            }
        }
        model.addAttribute("q", q);
        model.addAttribute("matches", matches);
        return show(model, GroupForm.EMPTY, null);
    }

    @PostMapping
    String add(@RequestParam(required = false) String terms, @RequestParam(required = false) String note, Model model,
               RedirectAttributes redirect) {
        try {
            SynonymGroup added = store.add(SynonymCheck.split(terms), note, true,
                    AccountPrincipal.currentUserId().orElseThrow());
            redirect.addFlashAttribute("message", "已添加同义词 " + added.shown() + "：此后的搜索即按它扩展。");
            return BACK;
        } catch (Rejected e) {
            return show(model, new GroupForm(null, terms, note, e.chinese()), null);
        }
    }

    @PostMapping("/{id}")
    String edit(@PathVariable String id, @RequestParam(required = false) String terms,
                @RequestParam(required = false) String note, Model model, RedirectAttributes redirect) {
        try {
            SynonymGroup changed = store.change(id, SynonymCheck.split(terms), note == null ? "" : note, null,
                    AccountPrincipal.currentUserId().orElseThrow());
            redirect.addFlashAttribute("message", "已修改同义词 " + changed.shown() + "。");
            return BACK;
        } catch (Rejected e) {
            if (e.status() != 422) {
                redirect.addFlashAttribute("error", e.chinese());
                return BACK;
            }
            return show(model, GroupForm.EMPTY, new GroupForm(id, terms, note, e.chinese()));
        }
    }

    @PostMapping("/{id}/enabled")
    String enabled(@PathVariable String id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        try {
            SynonymGroup g = store.change(id, null, null, enabled, AccountPrincipal.currentUserId().orElseThrow());
            redirect.addFlashAttribute("message", (enabled ? "已开启" : "已关闭") + "同义词 " + g.shown() + "。");
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return BACK;
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes redirect) {
        try {
            SynonymGroup g = store.group(id);
            store.delete(id);
            redirect.addFlashAttribute("message", "已删除同义词 " + g.shown() + "。");
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return BACK;
    }

    private String show(Model model, GroupForm form, GroupForm edit) {
        List<SynonymGroup> groups = store.groups();
        model.addAttribute("builtIn", groups.stream().filter(SynonymGroup::builtIn).toList());
        model.addAttribute("own", groups.stream().filter(g -> !g.builtIn()).toList());
        model.addAttribute("form", form);
        model.addAttribute("edit", edit);
        model.addAttribute("maxTerms", Synonyms.MAX_GROUP);
        model.addAttribute("minTerm", SynonymCheck.MIN_TERM);
        model.addAttribute("maxTerm", Synonyms.MAX_TERM);
        model.addAttribute("maxNote", SynonymCheck.MAX_NOTE);
        model.addAttribute("maxTrial", SynonymStore.MAX_TRIAL);
        return PAGE;
    }
}
