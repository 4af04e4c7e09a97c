package org.scriptorium.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.library.Block;
import org.scriptorium.library.Material;
import org.scriptorium.library.Materials;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The editor's review of a material's variation sites: each with its context, each vetoable, or a whole rule. */
@Controller
class MarkReviewPages {

    private final Marks marks;
    private final Materials materials;

    MarkReviewPages(Marks marks, Materials materials) {
        this.marks = marks;
        this.materials = materials;
    }

    /** A site as the editor sees it: the words around it and the two forms readers may get. */
    record SiteView(String vetoKey, String rule, String before, String form0, String form1, String after) {
    }

    @GetMapping("/admin/materials/{id}/marks")
    String review(@PathVariable String id, Model model) {
        Material material = materials.get(id);
        List<String> paragraphs = materials.parse(materials.revision(id, material.currentRevision())).blocks().stream()
                .map(Block::text).toList();
        List<VariationSite> sites = marks.sites(id, material.currentRevision(), paragraphs, java.time.Instant.now());
        List<SiteView> views = new ArrayList<>();
        for (VariationSite s : sites) {
            String p = paragraphs.get(s.paragraph());
            int end = s.offset() + s.form0().length();
            views.add(new SiteView("p" + s.paragraph() + ":" + s.offset(), s.rule(),
                    p.substring(Math.max(0, s.offset() - 12), s.offset()), s.form0(), s.form1(),
                    p.substring(end, Math.min(p.length(), end + 12))));
        }
        Set<String> vetoes = marks.vetoes(id, java.time.Instant.now());
        model.addAttribute("material", material);
        model.addAttribute("sites", views);
        model.addAttribute("vetoes", vetoes);
        model.addAttribute("rules", VariationSites.rules());
        return "tracing/marks";
    }

    @PostMapping("/admin/materials/{id}/marks/veto")
    String veto(@PathVariable String id, @RequestParam String key, RedirectAttributes redirect) {
        materials.get(id);
        marks.veto(id, key.strip(), AccountPrincipal.currentUserId().orElseThrow());
        redirect.addFlashAttribute("message", "已否决，之后交付的副本不再使用该处变化。");
        return "redirect:/admin/materials/" + id + "/marks";
    }
}
