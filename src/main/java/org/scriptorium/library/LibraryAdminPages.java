package org.scriptorium.library;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.common.TimeInput;
import org.scriptorium.search.MaterialQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The editor's pages: import, details, revisions and the diff between two revisions. */
@Controller
@RequestMapping("/admin/materials")
class LibraryAdminPages {

    static final String LIST = "library/admin-list";
    static final String EDIT = "library/admin-edit";
    static final String DIFF = "library/admin-diff";

    private final Materials materials;
    private final MaterialAccess access;
    private final ZoneId zone;

    LibraryAdminPages(Materials materials, MaterialAccess access, ScriptoriumProperties properties) {
        this.materials = materials;
        this.access = access;
        this.zone = properties.zone();
    }

    @GetMapping
    String list(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        MaterialQuery query = new MaterialQuery(q, null, null, null, null,
                Rejected.requireInRange("page", page, 0, MaterialQuery.MAX_OFFSET / 50), 50);
        model.addAttribute("query", query);
        model.addAttribute("page", materials.list(query, true));
        // search never finds drafts: they are listed apart, on the first page of the full list
        model.addAttribute("drafts", query.text() == null && page == 0 ? materials.drafts() : List.of());
        return LIST;
    }

    @PostMapping
    String importMaterial(MaterialForm form, RedirectAttributes redirect) {
        try {
            ImportResult result = materials.importMaterial(form.toDraft(zone), AccountPrincipal.currentUserId().orElseThrow());
            redirect.addFlashAttribute("message", (result.material().draft() ? "已保存草稿《" : "已导入《")
                    + result.material().title() + "》：识别到 "
                    + result.parsed().outline().size() + " 个标题、" + result.parsed().points() + " 个要点，去除 "
                    + result.parsed().strippedLines().size() + " 行非正文内容。"
                    + (result.material().draft() ? "预览、更正后再发布。" : ""));
            redirect.addFlashAttribute("similar", result.similar());
            return "redirect:/admin/materials/" + result.material().id();
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
            return "redirect:/admin/materials";
        }
    }

    @GetMapping("/{id}")
    String edit(@PathVariable String id, Model model) {
        Material material = materials.get(id);
        Revision current = materials.revision(id, material.currentRevision());
        model.addAttribute("material", material);
        model.addAttribute("current", current);
        ParsedMaterial parsed = materials.parse(current);
        model.addAttribute("parsed", parsed);
        model.addAttribute("elements", ElementsBox.of(parsed.elements()));
        model.addAttribute("titleOrigin", titleOrigin(material, parsed));
        model.addAttribute("revisions", materials.revisions(id));
        return EDIT;
    }

    /**
     * Where the title came from, while it is still the one detected: once the editor has given another, neither the
     * warning nor the note applies.
     */
    static TitleOrigin titleOrigin(Material material, ParsedMaterial parsed) {
        return material.title().equals(parsed.title()) ? parsed.titleOrigin() : TitleOrigin.TEXT;
    }

    @PostMapping("/{id}/details")
    String details(@PathVariable String id,
                   @RequestParam(required = false) String title,
                   @RequestParam(required = false) String kind,
                   @RequestParam(required = false) String topics,
                   @RequestParam(required = false) String tier,
                   @RequestParam(required = false) String publishedAt,
                   RedirectAttributes redirect) {
        try {
            materials.updateDetails(id, title, kind, topics == null ? null : Topics.parse(topics),
                    MaterialForm.parseTier(tier), TimeInput.parse("publishedAt", publishedAt, zone));
            redirect.addFlashAttribute("message", "已保存。");
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/admin/materials/" + id;
    }

    @PostMapping("/{id}/revise")
    String revise(@PathVariable String id, MaterialForm form, RedirectAttributes redirect) {
        try {
            MaterialForm textOnly = new MaterialForm(form.file(), form.text(), null, null, null, null, null, form.changeNote());
            ImportResult result = materials.revise(id, textOnly.toDraft(zone), AccountPrincipal.currentUserId().orElseThrow());
            redirect.addFlashAttribute("message", "已保存第 " + result.revision().revision() + " 版。");
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/admin/materials/" + id;
    }

    @PostMapping("/{id}/publish")
    String publish(@PathVariable String id, RedirectAttributes redirect) {
        Material published = materials.publish(id);
        redirect.addFlashAttribute("message", "已发布：读者自 "
                + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(published.publishedAt())
                + " 起可以看到这篇资料。");
        return "redirect:/admin/materials/" + id;
    }

    /** Lines the cleaner stripped, put back: a new revision from the same source text. */
    @PostMapping("/{id}/put-back")
    String putBack(@PathVariable String id, @RequestParam(name = "lines", required = false) List<String> lines,
                   RedirectAttributes redirect) {
        try {
            ImportResult result = materials.putBack(id, lines, AccountPrincipal.currentUserId().orElseThrow());
            redirect.addFlashAttribute("message", "已放回，保存为第 " + result.revision().revision() + " 版。");
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/admin/materials/" + id;
    }

    /** The reading page as a paying member would see it: the plain cleaned text, delivered to nobody. */
    @GetMapping("/{id}/preview")
    String preview(@PathVariable String id, Model model) {
        MaterialView view = access.memberPreview(id);
        LibraryPages.reading(view, model);
        model.addAttribute("preview", true);
        return LibraryPages.READ;
    }

    @PostMapping("/{id}/withdraw")
    String withdraw(@PathVariable String id, RedirectAttributes redirect) {
        materials.withdraw(id);
        redirect.addFlashAttribute("message", "已下架：读者不再能看到这篇资料。");
        return "redirect:/admin/materials/" + id;
    }

    @PostMapping("/{id}/restore")
    String restore(@PathVariable String id, RedirectAttributes redirect) {
        materials.restore(id);
        redirect.addFlashAttribute("message", "已重新上架。");
        return "redirect:/admin/materials/" + id;
    }

    @GetMapping("/{id}/diff")
    String diff(@PathVariable String id, @RequestParam int from, @RequestParam int to, Model model) {
        Material material = materials.get(id);
        Revision older = materials.revision(id, from);
        Revision newer = materials.revision(id, to);
        model.addAttribute("material", material);
        model.addAttribute("older", older);
        model.addAttribute("newer", newer);
        model.addAttribute("lines", RevisionDiff.between(older.body(), newer.body()));
        return DIFF;
    }
}
