package org.scriptorium.library;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejects;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.membership.Tier;
import org.scriptorium.search.MaterialQuery;
import org.scriptorium.search.SearchResult;
import org.scriptorium.search.UnderstoodQuery;
import org.scriptorium.search.TitleSuggestion;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The library part of the JSON API: import and revision for editors, listing and reading for everyone. */
@RestController
@RequestMapping("/api/v1")
class LibraryApiController {

    private final Materials materials;
    private final MaterialAccess access;
    private final LibrarySearch search;
    private final SearchMisses misses;
    private final SearchIndexing indexing;
    private final ZoneId zone;

    LibraryApiController(Materials materials, MaterialAccess access, LibrarySearch search, SearchMisses misses,
                         SearchIndexing indexing, ScriptoriumProperties properties) {
        this.materials = materials;
        this.access = access;
        this.search = search;
        this.misses = misses;
        this.indexing = indexing;
        this.zone = properties.zone();
    }

    record OutlineEntry(int level, String number, String heading) {
        static List<OutlineEntry> of(List<Heading> headings) {
            return headings.stream().map(h -> new OutlineEntry(h.level(), h.number(), h.heading())).toList();
        }
    }

    /**
     * An import's or revision's result. The 公文 elements and {@code similar} are left out when not found; {@code draft}
     * is true for a material saved unpublished.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Imported(String materialId, int revision, String title, TitleOrigin titleOrigin, String kind, Tier tier,
                    Instant publishedAt, boolean draft, List<String> topics, String salutation,
                    List<OutlineEntry> outline, int points, List<PlaceholderCount> placeholders,
                    List<String> strippedNotices, List<StrippedLine> strippedLines, int characters, String changeNote,
                    String documentNumber, String recipients, String issuer, LocalDate issuedOn,
                    List<String> attachments, List<SimilarMaterial> similar) {
        static Imported of(ImportResult r) {
            Material m = r.material();
            ParsedMaterial p = r.parsed();
            OfficialElements e = p.elements();
            return new Imported(m.id(), r.revision().revision(), m.title(), p.titleOrigin(), m.kind(), m.tier(),
                    m.publishedAt(), m.draft(), m.topics(), p.salutation(), OutlineEntry.of(p.outline()), p.points(),
                    p.placeholders(), p.strippedNotices(), p.strippedLines(), p.characters(), r.revision().changeNote(),
                    e.documentNumber(), e.recipients(), e.issuer(), e.issuedOn(), nullIfEmpty(e.attachments()),
                    nullIfEmpty(r.similar()));
        }

        private static <T> List<T> nullIfEmpty(List<T> list) {
            return list.isEmpty() ? null : list;
        }
    }

    @Operation(summary = "Import a material", description = "A file (.txt, .md, .docx, .doc, .wps, .pdf with a text "
            + "layer) or pasted `text`; the structure "
            + "(title, outline, points, placeholders) is detected. `tier` FREE or MEMBER (default MEMBER), `topics` "
            + "comma-separated, `publishedAt` may be in the past (an archive). `draft=true` saves it unpublished (see "
            + "publish). `similar` lists published materials holding 90 % and more of the text.")
    @Rejects(status = 422, codes = {"INVALID_TIER", "INVALID_TIME", "EMPTY_TEXT", "UNSUPPORTED_FORMAT",
            "UNREADABLE_TEXT", "ENCRYPTED_DOCX", "MALFORMED_DOCX", "DOCX_TOO_LARGE_EXPANDED", "ENCRYPTED_DOC", "MALFORMED_DOC",
            "UNSUPPORTED_WPS", "ENCRYPTED_PDF", "MALFORMED_PDF", "PDF_TOO_LARGE_EXPANDED", "PDF_NO_TEXT", "TITLE_TOO_LONG",
            "KIND_TOO_LONG"})
    @Rejects(status = 413, codes = {"FILE_TOO_LARGE", "TEXT_TOO_LONG"})
    @PostMapping("/admin/materials")
    @ResponseStatus(HttpStatus.CREATED)
    Imported importMaterial(@ParameterObject MaterialForm form) {
        return Imported.of(materials.importMaterial(form.toDraft(zone), AccountPrincipal.currentUserId().orElseThrow()));
    }

    @Operation(summary = "Revise a material", description = "The same form as an import, with a `changeNote`: a new "
            + "revision.")
    @Rejects(status = 404, codes = "MATERIAL_NOT_FOUND")
    @Rejects(status = 422, codes = {"CHANGE_NOTE_REQUIRED", "INVALID_TIER", "INVALID_TIME", "EMPTY_TEXT",
            "UNSUPPORTED_FORMAT", "UNREADABLE_TEXT", "ENCRYPTED_DOCX", "MALFORMED_DOCX", "DOCX_TOO_LARGE_EXPANDED",
            "ENCRYPTED_DOC", "MALFORMED_DOC", "UNSUPPORTED_WPS", "ENCRYPTED_PDF", "MALFORMED_PDF", "PDF_TOO_LARGE_EXPANDED",
            "PDF_NO_TEXT", "TITLE_TOO_LONG", "KIND_TOO_LONG"})
    @Rejects(status = 413, codes = {"FILE_TOO_LARGE", "TEXT_TOO_LONG"})
    @PutMapping("/admin/materials/{id}")
    Imported revise(@PathVariable String id, @ParameterObject MaterialForm form) {
        return Imported.of(materials.revise(id, form.toDraft(zone), AccountPrincipal.currentUserId().orElseThrow()));
    }

    /** A material's state for staff: what publishing and the draft list answer. */
    record MaterialState(String materialId, int revision, String title, String kind, List<String> topics, Tier tier,
                         Instant publishedAt, boolean draft, boolean withdrawn) {
        static MaterialState of(Material m) {
            return new MaterialState(m.id(), m.currentRevision(), m.title(), m.kind(), m.topics(), m.tier(),
                    m.publishedAt(), m.draft(), m.withdrawn());
        }
    }

    @Operation(summary = "Publish a draft", description = "Readers see it from its chosen `publishedAt`, or from now if "
            + "none was chosen, and it is announced (notifications, feed, webhooks). A published material is answered "
            + "as it is, and not announced again.")
    @Rejects(status = 404, codes = "MATERIAL_NOT_FOUND")
    @PostMapping("/admin/materials/{id}/publish")
    MaterialState publish(@PathVariable String id) {
        return MaterialState.of(materials.publish(id));
    }

    @Operation(summary = "The drafts", description = "Most recently changed first, at most 200.")
    @GetMapping("/admin/materials/drafts")
    List<MaterialState> drafts() {
        return materials.drafts().stream().map(MaterialState::of).toList();
    }

    /** A material as a member would read it, for staff: the plain cleaned text, delivered to nobody. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MemberPreview(String materialId, int revision, String title, String kind, List<String> topics, Tier tier,
                         Instant publishedAt, boolean draft, String label, String salutation,
                         List<OutlineEntry> outline, List<PlaceholderCount> placeholders, int characters, String text,
                         List<StrippedLine> strippedLines) {
    }

    @Operation(summary = "Preview a material as a member would read it", description = "The current revision's plain "
            + "cleaned text and outline, as a paying member would read it, with the lines the cleaner stripped. No "
            + "personalised copy is made and no delivery recorded.")
    @Rejects(status = 404, codes = "MATERIAL_NOT_FOUND")
    @GetMapping("/admin/materials/{id}/preview")
    MemberPreview preview(@PathVariable String id) {
        MaterialView v = access.memberPreview(id);
        Material m = v.material();
        List<StrippedLine> stripped = materials.parse(materials.revision(id, v.revision())).strippedLines();
        return new MemberPreview(m.id(), v.revision(), m.title(), m.kind(), m.topics(), m.tier(), m.publishedAt(),
                m.draft(), "预览", v.salutation(), OutlineEntry.of(v.outline()), v.placeholders(), v.characters(),
                v.text(), stripped);
    }

    record PutBack(List<String> lines) {
    }

    @Operation(summary = "Put stripped lines back", description = "`lines`: some of the current revision's "
            + "`strippedLines` texts. A new revision is parsed from the same source text keeping them (and those put "
            + "back before).")
    @Rejects(status = 404, codes = "MATERIAL_NOT_FOUND")
    @Rejects(status = 422, codes = {"NO_LINES_CHOSEN", "LINE_NOT_STRIPPED"})
    @PostMapping("/admin/materials/{id}/put-back")
    Imported putBack(@PathVariable String id, @RequestBody PutBack request) {
        return Imported.of(materials.putBack(id, request.lines(), AccountPrincipal.currentUserId().orElseThrow()));
    }

    record Hit(String materialId, String title, String kind, List<String> topics, Instant publishedAt, Tier tier,
               boolean entitled, String snippet) {
    }

    /**
     * A page of hits. {@code match} is {@code all} when every hit holds every word of the query, else {@code most} or
     * {@code any}: nothing held them all and the search fell back to materials holding some of them.
     */
    record HitPage(long total, int page, int size, List<Hit> hits, SearchResult.Facets facets, LibrarySearch.Help help,
                   String match, Understood understood) {
    }

    /**
     * How the query was read: the words searched for (each with its synonyms), the 文种 and the material kinds it
     * favours, and the year it names; empty lists and nulls for a query without text.
     */
    record Understood(List<List<String>> terms, String kindWord, List<String> kinds, Integer year) {

        static Understood of(UnderstoodQuery q) {
            return new Understood(q.concepts().stream().map(UnderstoodQuery.Concept::alternatives).toList(),
                    q.kind() == null ? null : q.kind().word(), q.kind() == null ? List.of() : q.kind().kinds(), q.year());
        }
    }

    @Operation(summary = "Search the materials", description = "Snippets mark matches with `<em>`; for a caller who may "
            + "not read a material they come from its title and outline only.")
    @Rejects(status = 422, codes = {"INVALID_TIER", "INVALID_SORT"})
    @Rejects(status = 503, codes = "SEARCH_UNAVAILABLE")
    @GetMapping("/materials")
    HitPage list(@ParameterObject SearchForm form) {
        MaterialQuery query = form.toQuery(20);
        LibrarySearch.FoundPage found = search.search(query, AccountPrincipal.currentUserId());
        List<Hit> hits = found.hits().stream().map(f -> new Hit(f.material().id(), f.material().title(), f.material().kind(),
                f.material().topics(), f.material().publishedAt(), f.material().tier(), f.entitled(), f.snippet())).toList();
        return new HitPage(found.total(), query.page(), query.size(), hits, found.facets(), found.help(),
                found.match().name().toLowerCase(java.util.Locale.ROOT), Understood.of(found.understood()));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Passage(String materialId, String title, int paragraph, boolean entitled, String text, String snippet) {
    }

    /** A page of paragraphs; {@code match} as in {@link HitPage}. */
    record PassagePage(long total, int page, int size, List<Passage> hits, String match) {
    }

    @Operation(summary = "Search paragraphs", description = "Paragraph-level hits, ranked by relevance; `text` only "
            + "where the caller may read the material.")
    @Rejects(status = 422, codes = {"INVALID_TIER", "INVALID_SORT"})
    @Rejects(status = 503, codes = "SEARCH_UNAVAILABLE")
    @GetMapping("/passages")
    PassagePage passages(@ParameterObject SearchForm form) {
        // Passages are always ranked by relevance: a sort order in the request is not read.
        SearchForm unsorted = new SearchForm(form.q(), form.kind(), form.topic(), form.year(), form.tier(), null,
                form.page(), form.size());
        MaterialQuery query = unsorted.toQuery(20);
        LibrarySearch.FoundPassages found = search.passages(query, AccountPrincipal.currentUserId());
        return new PassagePage(found.total(), query.page(), query.size(), found.hits().stream()
                .map(p -> new Passage(p.materialId(), p.title(), p.paragraph(), p.entitled(), p.text(), p.snippet())).toList(),
                found.match().name().toLowerCase(java.util.Locale.ROOT));
    }

    record Suggestions(List<TitleSuggestion> suggestions) {
    }

    @Operation(summary = "Suggest titles as the caller types")
    @Rejects(status = 503, codes = "SEARCH_UNAVAILABLE")
    @GetMapping("/suggest")
    Suggestions suggest(@RequestParam(required = false) String q) {
        return new Suggestions(search.suggest(q));
    }

    @Operation(summary = "Queries that found nothing", description = "The 200 most frequent.")
    @GetMapping("/admin/search/misses")
    List<SearchMisses.Miss> misses() {
        return misses.top(200);
    }

    record Rebuilt(long materials) {
    }

    @Operation(summary = "Rebuild the search index from the database")
    @PostMapping("/admin/search/rebuild")
    Rebuilt rebuild() {
        AtomicLong count = new AtomicLong();
        indexing.rebuild(count::set);
        return new Rebuilt(count.get());
    }

    @Operation(summary = "Withdraw a material from readers")
    @Rejects(status = 404, codes = "MATERIAL_NOT_FOUND")
    @PostMapping("/admin/materials/{id}/withdraw")
    Reading withdraw(@PathVariable String id) {
        materials.withdraw(id);
        return read(id);
    }

    @Operation(summary = "Publish a withdrawn material again")
    @Rejects(status = 404, codes = "MATERIAL_NOT_FOUND")
    @PostMapping("/admin/materials/{id}/restore")
    Reading restore(@PathVariable String id) {
        materials.restore(id);
        return read(id);
    }


    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reading(String materialId, int revision, String title, String kind, List<String> topics, Tier tier,
                   Instant publishedAt, String salutation, List<OutlineEntry> outline, List<PlaceholderCount> placeholders,
                   int characters, boolean entitled, String reason, String text, String notice, String preview,
                   String documentNumber, String recipients, String issuer, LocalDate issuedOn, List<String> attachments) {
    }

    @Operation(summary = "Read a material", description = "`text` is the caller's personalised copy when they may read "
            + "it, ending with its `notice` (the line saying whose copy it is, also given alone); otherwise `preview` and "
            + "the `reason`. The 公文 elements (`documentNumber`, `recipients`, `issuer`, "
            + "`issuedOn`, `attachments`) are given to everyone who sees the outline, and left out when not found.")
    @Rejects(status = 404, codes = "MATERIAL_NOT_FOUND")
    @GetMapping("/materials/{id}")
    Reading read(@PathVariable String id) {
        MaterialView v = access.view(id, AccountPrincipal.currentUserId(), Copies.Channel.API);
        Material m = v.material();
        return new Reading(m.id(), v.revision(), m.title(), m.kind(), m.topics(), m.tier(), m.publishedAt(),
                v.salutation(), OutlineEntry.of(v.outline()), v.placeholders(), v.characters(), v.entitled(),
                v.entitled() ? null : v.access().explanationZh(), v.text(), v.notice(), v.preview(),
                v.elements().documentNumber(), v.elements().recipients(), v.elements().issuer(), v.elements().issuedOn(),
                Imported.nullIfEmpty(v.elements().attachments()));
    }
}
