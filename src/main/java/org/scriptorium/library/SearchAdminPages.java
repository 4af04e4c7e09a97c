package org.scriptorium.library;

import java.util.concurrent.atomic.AtomicLong;
import org.scriptorium.search.SearchIndex;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operator's view of search: what members looked for and did not find, and the index's state. */
@Controller
@RequestMapping("/admin/search")
class SearchAdminPages {

    static final String PAGE = "library/admin-search";

    private final SearchMisses misses;
    private final SearchIndexing indexing;
    private final SearchIndex index;

    SearchAdminPages(SearchMisses misses, SearchIndexing indexing, SearchIndex index) {
        this.misses = misses;
        this.indexing = indexing;
        this.index = index;
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("misses", misses.top(200));
        model.addAttribute("indexed", index.materialCount());
        model.addAttribute("stored", indexing.materialCount());
        return PAGE;
    }

    @PostMapping("/rebuild")
    String rebuild(RedirectAttributes redirect) {
        AtomicLong count = new AtomicLong();
        indexing.rebuild(count::set);
        redirect.addFlashAttribute("message", "索引已重建，共 " + count.get() + " 篇。");
        return "redirect:/admin/search";
    }
}
