package org.scriptorium.library;

import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.search.MaterialQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The reader's pages: the list with filters and the reading page. */
@Controller
class LibraryPages {

    static final String LIST = "library/list";
    static final String READ = "library/read";

    private final Materials materials;
    private final MaterialAccess access;
    private final LibrarySearch search;
    private final ZoneId zone;

    LibraryPages(Materials materials, MaterialAccess access, LibrarySearch search, ScriptoriumProperties properties) {
        this.materials = materials;
        this.access = access;
        this.search = search;
        this.zone = properties.zone();
    }

    /** One line of the reading view: which element, its anchor and class, and its text with placeholders marked. */
    record Line(String tag, String anchor, String cssClass, List<Placeholders.Span> spans) {

        static Line of(Block block) {
            return switch (block) {
                case Heading h -> new Line(switch (h.level()) {
                    case 1 -> "h2";
                    case 2 -> "h3";
                    default -> "h4";
                }, h.anchor(), "h" + h.level(), Placeholders.split(h.text()));
                case Paragraph p -> new Line("p", null, p.closing() ? "closing" : null, Placeholders.split(p.text()));
            };
        }
    }

    @GetMapping("/materials")
    String list(SearchForm form, @RequestParam(required = false) String tab, Model model) {
        // The pages show 20 hits a page whatever the request says.
        SearchForm fixedSize = new SearchForm(form.q(), form.kind(), form.topic(), form.year(), form.tier(), form.sort(),
                form.page(), null);
        MaterialQuery query = fixedSize.toQuery(20);
        boolean passages = "passages".equals(tab) && query.text() != null;
        model.addAttribute("query", query);
        model.addAttribute("tab", passages ? "passages" : "materials");
        if (passages) {
            model.addAttribute("passages", search.passages(query, AccountPrincipal.currentUserId()));
        } else {
            model.addAttribute("found", search.search(query, AccountPrincipal.currentUserId()));
        }
        model.addAttribute("kinds", materials.kinds());
        model.addAttribute("topics", materials.topics());
        int thisYear = Year.now(zone).getValue();
        model.addAttribute("years", IntStream.rangeClosed(0, 9).map(i -> thisYear - i).boxed().toList());
        return LIST;
    }

    /** Title suggestions while typing, as an htmx fragment. */
    @GetMapping("/materials/suggest")
    String suggest(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("suggestions", search.suggest(q));
        return "library/suggest :: list";
    }

    @GetMapping("/materials/{id}")
    String read(@PathVariable String id, Model model) {
        MaterialView view = access.view(id, AccountPrincipal.currentUserId());
        model.addAttribute("view", view);
        model.addAttribute("lines", view.blocks().stream().map(Line::of).toList());
        model.addAttribute("lineCount", view.blocks().size());
        return READ;
    }
}
