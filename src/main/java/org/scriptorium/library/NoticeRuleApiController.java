package org.scriptorium.library;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.Rejects;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The notice rules imports strip lines with: the reviewed built-in list and the operator's own, for editors. */
@RestController
@RequestMapping("/api/v1/admin/notice-rules")
class NoticeRuleApiController {

    private final NoticeRuleBook book;

    NoticeRuleApiController(NoticeRuleBook book) {
        this.book = book;
    }

    /**
     * A rule as listed. {@code examples} are lines a built-in rule must match; {@code createdBy} and {@code createdAt}
     * are null for a built-in rule.
     */
    record RuleView(String id, NoticeRule.Scope scope, String pattern, boolean regex, String reason, boolean builtIn,
                    boolean enabled, List<String> examples, String createdBy, Instant createdAt) {
        static RuleView of(NoticeRuleEntry e) {
            NoticeRule r = e.rule();
            return new RuleView(r.id(), r.scope(), r.pattern(), r.regex(), r.reason(), r.builtIn(), e.enabled(),
                    e.examples(), e.createdBy(), e.createdAt());
        }
    }

    /** A new rule: a phrase ({@code regex} false or absent) or a regular expression, where it applies, and why. */
    record NewRule(String pattern, Boolean regex, String scope, String reason) {
    }

    /** A change to a rule: only {@code enabled}; the other members are there to be refused. */
    record RuleChange(Boolean enabled, String pattern, Boolean regex, String scope, String reason) {
    }

    @Operation(summary = "List the notice rules", description = "The built-in rules in their reviewed order, then the "
            + "operator's, oldest first; imports apply those that are enabled.")
    @GetMapping
    List<RuleView> list() {
        return book.entries().stream().map(RuleView::of).toList();
    }

    @Operation(summary = "Add a notice rule", description = "A phrase a line must contain (case-insensitive) or, with "
            + "`regex`, a Java regular expression; `scope` EDGE (only above a document's beginning and below its end) "
            + "or ANYWHERE. Refused if it matches an empty line or any line of the demo materials or of a sample of "
            + "real documents (RULE_TOO_BROAD, naming the line), or backtracks too long (RULE_TOO_SLOW). Imports apply "
            + "it from now on; saved revisions keep what they were cleaned with.")
    @Rejects(status = 422, codes = {"INVALID_RULE", "RULE_TOO_BROAD", "RULE_TOO_SLOW"})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RuleView add(@RequestBody NewRule body) {
        return RuleView.of(book.add(body.pattern(), Boolean.TRUE.equals(body.regex()), scope(body.scope()),
                body.reason(), AccountPrincipal.currentUserId().orElseThrow()));
    }

    @Operation(summary = "Switch a notice rule on or off", description = "Built-in rules too. Only `enabled` may be "
            + "changed: a built-in rule's pattern never (BUILT_IN_RULE), an operator's by deleting it and adding it "
            + "again.")
    @Rejects(status = 404, codes = "RULE_NOT_FOUND")
    @Rejects(status = 409, codes = "BUILT_IN_RULE")
    @Rejects(status = 422, codes = "INVALID_RULE")
    @PutMapping("/{id}")
    RuleView change(@PathVariable String id, @RequestBody RuleChange body) {
        if (body.pattern() != null || body.regex() != null || body.scope() != null || body.reason() != null) {
            book.refuseEdit(id);
        }
        if (body.enabled() == null) {
            book.get(id); // an unknown rule is 404 before the body is judged
            throw Rejected.ofField(422, "INVALID_RULE", "enabled", "请说明开启（true）还是关闭（false）这条规则。",
                    "enabled (true or false) is required.");
        }
        return RuleView.of(book.setEnabled(id, body.enabled(), AccountPrincipal.currentUserId().orElseThrow()));
    }

    @Operation(summary = "Delete one of the operator's notice rules", description = "A built-in rule cannot be deleted "
            + "(BUILT_IN_RULE): switch it off instead.")
    @Rejects(status = 404, codes = "RULE_NOT_FOUND")
    @Rejects(status = 409, codes = "BUILT_IN_RULE")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        book.delete(id);
    }

    /** @throws Rejected 422 {@code INVALID_RULE} for anything but EDGE or ANYWHERE */
    static NoticeRule.Scope scope(String scope) {
        try {
            return NoticeRule.Scope.valueOf(scope == null ? "" : scope.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Rejected.ofField(422, "INVALID_RULE", "scope", "请选择规则的范围：顶部/底部（EDGE），或全文（ANYWHERE）。",
                    "scope must be EDGE or ANYWHERE.");
        }
    }
}
