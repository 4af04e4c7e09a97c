package org.scriptorium.library;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.membership.Reader;
import org.scriptorium.membership.Tier;
import org.scriptorium.search.MaterialQuery;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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
    private final ZoneId zone;

    LibraryApiController(Materials materials, MaterialAccess access, ScriptoriumProperties properties) {
        this.materials = materials;
        this.access = access;
        this.zone = properties.zone();
    }

    record OutlineEntry(int level, String number, String heading) {
        static List<OutlineEntry> of(List<Heading> headings) {
            return headings.stream().map(h -> new OutlineEntry(h.level(), h.number(), h.heading())).toList();
        }
    }

    record Imported(String materialId, int revision, String title, String kind, Tier tier, Instant publishedAt,
                    List<String> topics, String salutation, List<OutlineEntry> outline, int points,
                    List<PlaceholderCount> placeholders, List<String> strippedNotices, int characters, String changeNote) {
        static Imported of(ImportResult r) {
            Material m = r.material();
            ParsedMaterial p = r.parsed();
            return new Imported(m.id(), r.revision().revision(), m.title(), m.kind(), m.tier(), m.publishedAt(),
                    m.topics(), p.salutation(), OutlineEntry.of(p.outline()), p.points(), p.placeholders(),
                    p.strippedNotices(), p.characters(), r.revision().changeNote());
        }
    }

    @PostMapping("/admin/materials")
    @ResponseStatus(HttpStatus.CREATED)
    Imported importMaterial(MaterialForm form) {
        return Imported.of(materials.importMaterial(form.toDraft(zone), AccountPrincipal.currentUserId().orElseThrow()));
    }

    @PutMapping("/admin/materials/{id}")
    Imported revise(@PathVariable String id, MaterialForm form) {
        return Imported.of(materials.revise(id, form.toDraft(zone), AccountPrincipal.currentUserId().orElseThrow()));
    }

    record Hit(String materialId, String title, String kind, Instant publishedAt, Tier tier, boolean entitled, String snippet) {
    }

    record HitPage(long total, int page, int size, List<Hit> hits) {
    }

    @GetMapping("/materials")
    HitPage list(@RequestParam(required = false) String q,
                 @RequestParam(required = false) String kind,
                 @RequestParam(required = false) String topic,
                 @RequestParam(required = false) Integer year,
                 @RequestParam(required = false) String tier,
                 @RequestParam(defaultValue = "0") int page,
                 @RequestParam(defaultValue = "20") int size) {
        MaterialQuery query = new MaterialQuery(q, kind, topic, year, MaterialForm.parseTier(tier), page, size);
        Reader reader = access.reader(AccountPrincipal.currentUserId());
        boolean staff = reader instanceof Reader.SignedIn s && s.staff();
        Materials.MaterialPage found = materials.list(query, staff);
        List<Hit> hits = found.materials().stream().map(m -> {
            boolean entitled = access.access(m, reader).full();
            return new Hit(m.id(), m.title(), m.kind(), m.publishedAt(), m.tier(), entitled,
                    access.snippet(m, entitled, query.text()));
        }).toList();
        return new HitPage(found.total(), query.page(), query.size(), hits);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reading(String materialId, int revision, String title, String kind, List<String> topics, Tier tier,
                   Instant publishedAt, String salutation, List<OutlineEntry> outline, List<PlaceholderCount> placeholders,
                   int characters, boolean entitled, String reason, String text, String preview) {
    }

    @GetMapping("/materials/{id}")
    Reading read(@PathVariable String id) {
        MaterialView v = access.view(id, AccountPrincipal.currentUserId());
        Material m = v.material();
        return new Reading(m.id(), v.revision(), m.title(), m.kind(), m.topics(), m.tier(), m.publishedAt(),
                v.salutation(), OutlineEntry.of(v.outline()), v.placeholders(), v.characters(), v.entitled(),
                v.entitled() ? null : v.access().explanationZh(), v.text(), v.preview());
    }
}
