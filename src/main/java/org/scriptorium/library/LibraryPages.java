package org.scriptorium.library;

import java.time.Year;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.search.MaterialQuery;
import org.springframework.context.ApplicationEventPublisher;
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
    private final ApplicationEventPublisher events;

    LibraryPages(Materials materials, MaterialAccess access, LibrarySearch search, ScriptoriumProperties properties,
                 ApplicationEventPublisher events) {
        this.materials = materials;
        this.access = access;
        this.search = search;
        this.zone = properties.zone();
        this.events = events;
    }

    /**
     * One line of the reading view: which element, its anchor and class, its text with placeholders marked, and the
     * indices of the blocks it shows (for the passage anchors {@code #p3}, which address blocks as
     * {@link ParsedMaterial#paragraphs()} counts them). A heading followed by its {@link Paragraph.Role#RUN_IN} text is
     * one paragraph: the heading's words in {@code lead} (set in the heading's weight) and the run-in text in
     * {@code spans}, on two block indices.
     */
    record Line(String tag, String anchor, String cssClass, List<Placeholders.Span> lead, String leadClass,
                List<Placeholders.Span> spans, List<Integer> blocks) {

        Line {
            lead = List.copyOf(lead);
            spans = List.copyOf(spans);
            blocks = List.copyOf(blocks);
        }

        /** The lines of a body, in reading order. */
        static List<Line> of(List<Block> blocks) {
            List<Line> lines = new java.util.ArrayList<>(blocks.size());
            for (int i = 0; i < blocks.size(); i++) {
                if (blocks.get(i) instanceof Heading h && i + 1 < blocks.size()
                        && blocks.get(i + 1) instanceof Paragraph next && next.role() == Paragraph.Role.RUN_IN) {
                    lines.add(new Line("p", h.anchor(), next.closing() ? "run-in closing" : "run-in",
                            Placeholders.split(h.text()), "h" + h.level(), Placeholders.split(next.text()), List.of(i, i + 1)));
                    i++;
                } else {
                    lines.add(of(blocks.get(i), i));
                }
            }
            return lines;
        }

        private static Line of(Block block, int index) {
            return switch (block) {
                case Heading h -> new Line(switch (h.level()) {
                    case 1 -> "h2";
                    case 2 -> "h3";
                    default -> "h4";
                }, h.anchor(), "h" + h.level(), List.of(), null, Placeholders.split(h.text()), List.of(index));
                case Paragraph p -> new Line("p", null, switch (p.role()) {
                    case ATTACHMENT -> "attachment";
                    case SIGNATURE -> "signature";
                    case BODY, RUN_IN -> p.closing() ? "closing" : null;
                }, List.of(), null, Placeholders.split(p.text()), List.of(index));
            };
        }
    }

    /**
     * One field of the reading page's fill-in form: a meaning present in the material and how many placeholders have it.
     */
    record FillInField(PlaceholderMeaning meaning, int count) {

        /** The meanings present in the title, the salutation and the lines, in the order of {@link PlaceholderMeaning}. */
        static List<FillInField> of(List<Placeholders.Span> title, List<Placeholders.Span> salutation, List<Line> lines) {
            Map<PlaceholderMeaning, Integer> counts = new EnumMap<>(PlaceholderMeaning.class);
            Consumer<List<Placeholders.Span>> count = spans -> spans.stream()
                    .filter(Placeholders.Span::placeholder).forEach(s -> counts.merge(s.meaning(), 1, Integer::sum));
            count.accept(title);
            count.accept(salutation);
            for (Line line : lines) {
                count.accept(line.lead());
                count.accept(line.spans());
            }
            return counts.entrySet().stream().map(e -> new FillInField(e.getKey(), e.getValue())).toList();
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

    /** What the reading page shows of a view: its lines, title and salutation with their placeholders, the fill-in fields. */
    static void reading(MaterialView view, Model model) {
        List<Line> lines = Line.of(view.blocks());
        List<Placeholders.Span> title = Placeholders.split(view.material().title());
        List<Placeholders.Span> salutation = view.salutation() == null ? List.of() : Placeholders.split(view.salutation());
        model.addAttribute("view", view);
        model.addAttribute("lines", lines);
        model.addAttribute("lineCount", view.blocks().size());
        model.addAttribute("titleSpans", title);
        model.addAttribute("salutationSpans", salutation);
        model.addAttribute("fillIns", FillInField.of(title, salutation, lines));
    }

    /**
     * The page's description for search engines and shared-link cards (WeChat): kind, date, length and the outline's
     * first headings, all of which everyone who may open the page sees; never a line of the text.
     */
    String describe(MaterialView view) {
        Material m = view.material();
        StringBuilder text = new StringBuilder(m.kind()).append(" · ")
                .append(m.publishedAt() == null ? "" : java.time.LocalDate.ofInstant(m.publishedAt(), zone))
                .append(" · ").append(view.characters()).append(" 字");
        List<String> headings = view.outline().stream().filter(h -> h.level() == 1).limit(4)
                .map(h -> h.number() + h.heading()).toList();
        if (!headings.isEmpty()) {
            text.append(" · 提纲：").append(String.join("；", headings));
        }
        return text.length() > 150 ? text.substring(0, 149) + "…" : text.toString();
    }

    @GetMapping("/materials/{id}")
    String read(@PathVariable String id, Model model) {
        Optional<String> userId = AccountPrincipal.currentUserId();
        MaterialView view = access.view(id, userId);
        reading(view, model);
        model.addAttribute("elements", ElementsBox.of(view.elements()));
        // Issue 16, reader basics: the reader's history, and what a shared link's card says (public facts only).
        userId.ifPresent(user -> events.publishEvent(new MaterialOpened(user, view.material().id())));
        model.addAttribute("pageDescription", describe(view));
        model.addAttribute("pageType", "article");
        return READ;
    }
}
