package org.scriptorium.search;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejects;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The synonym groups searches use: the reviewed built-in list (read-only) and the operator's own, for editors. */
@RestController
@RequestMapping("/api/v1/admin/synonyms")
class SynonymApiController {

    private final SynonymStore store;

    SynonymApiController(SynonymStore store) {
        this.store = store;
    }

    /** A group as listed; the dates and accounts are null for a built-in group. */
    record GroupView(String id, List<String> terms, String note, boolean builtIn, boolean enabled, String createdBy,
                     Instant createdAt, String updatedBy, Instant updatedAt) {
        static GroupView of(SynonymGroup g) {
            return new GroupView(g.id(), g.terms(), g.note(), g.builtIn(), g.enabled(), g.createdBy(), g.createdAt(),
                    g.updatedBy(), g.updatedAt());
        }
    }

    /** A new group: its terms, why (optional), and whether it is on (absent: on). */
    record NewGroup(List<String> terms, String note, Boolean enabled) {
    }

    /** A change to a group: the members given replace the group's; absent ones stay. An empty note clears it. */
    record GroupChange(List<String> terms, String note, Boolean enabled) {
    }

    /** A group a query would use, and which of its terms the query holds. */
    record MatchView(GroupView group, List<String> found) {
    }

    @Operation(summary = "List the synonym groups", description = "The built-in groups (`builtIn: true`, read-only) "
            + "in their reviewed order, then the operator's, oldest first; searches use those that are enabled.")
    @GetMapping
    List<GroupView> list() {
        return store.groups().stream().map(GroupView::of).toList();
    }

    @Operation(summary = "Add a synonym group", description = "2 to 12 distinct terms, each 2 to 30 characters once "
            + "normalised (full-width folded, lower case, quotation marks and spaces between Chinese characters "
            + "dropped), none holding `/` or a comma; a note of at most 200 characters. Searches use it at once, on "
            + "other nodes within 30 seconds; the index is not rebuilt.")
    @Rejects(status = 422, codes = "INVALID_SYNONYMS")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    GroupView add(@RequestBody NewGroup body) {
        return GroupView.of(store.add(body.terms(), body.note(), !Boolean.FALSE.equals(body.enabled()),
                AccountPrincipal.currentUserId().orElseThrow()));
    }

    @Operation(summary = "Change a synonym group", description = "Replaces the members given (`terms`, `note`, "
            + "`enabled`), checked as when adding; a built-in group cannot be changed (BUILT_IN_SYNONYMS).")
    @Rejects(status = 404, codes = "SYNONYMS_NOT_FOUND")
    @Rejects(status = 409, codes = "BUILT_IN_SYNONYMS")
    @Rejects(status = 422, codes = "INVALID_SYNONYMS")
    @PutMapping("/{id}")
    GroupView change(@PathVariable String id, @RequestBody GroupChange body) {
        return GroupView.of(store.change(id, body.terms(), body.note(), body.enabled(),
                AccountPrincipal.currentUserId().orElseThrow()));
    }

    @Operation(summary = "Delete a synonym group", description = "One of the operator's; a built-in group cannot be "
            + "deleted (BUILT_IN_SYNONYMS).")
    @Rejects(status = 404, codes = "SYNONYMS_NOT_FOUND")
    @Rejects(status = 409, codes = "BUILT_IN_SYNONYMS")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        store.delete(id);
    }

    @Operation(summary = "Try a query against the synonym groups", description = "The enabled groups any of whose "
            + "terms occur in `q` (both normalised), each with the terms found. Saves nothing.")
    @Rejects(status = 422, codes = "INVALID_QUERY")
    @GetMapping("/matches")
    List<MatchView> matches(@RequestParam(defaultValue = "") String q) {
        return store.matches(q).stream().map(m -> new MatchView(GroupView.of(m.group()), m.found())).toList();
    }
}
