package org.scriptorium.library;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.RefreshingCache;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notice rules in force: the reviewed built-in list ({@code library/notice-rules.tsv}) less those the operator
 * switched off, followed by the operator's own that are on. Imports read {@link #current()} once per document; a
 * revision keeps what was cleaned with the rules of its day. The operator adds, switches and deletes rules here
 * (the admin page and API); a built-in rule can only be switched off, never edited or deleted.
 */
@Component
public class NoticeRuleBook {

    private static final String RESOURCE = "/library/notice-rules.tsv";
    private static final List<NoticeRule> BUILT_IN = load(RESOURCE);
    private static final Map<String, List<String>> BUILT_IN_EXAMPLES = IntStream.range(0, BUILT_IN.size()).boxed()
            .collect(Collectors.toUnmodifiableMap(i -> BUILT_IN.get(i).id(), i -> examples(RESOURCE).get(i)));

    /** More operator rules than this would slow every import (each line is tried against each rule). */
    static final int MAX_OPERATOR_RULES = 200;
    /** Read again after this, in the background, in case another node changed the rules. */
    private static final Duration TTL = Duration.ofMinutes(1);
    /** Operator rule ids start so; built-in ids never do. */
    static final String OPERATOR_PREFIX = "op-";

    private final NoticeRuleRepository repository;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final NoticeRuleCheck check = NoticeRuleCheck.bundled();

    /** The rules in force (an import should not wait for the database: the rules of a minute ago serve meanwhile). */
    private final RefreshingCache<List<NoticeRule>> inForce;

    NoticeRuleBook(NoticeRuleRepository repository, Clock clock, ApplicationEventPublisher events) {
        this.repository = repository;
        this.clock = clock;
        this.events = events;
        this.inForce = new RefreshingCache<>("notice-rules", TTL, clock, before -> read());
    }

    /** The rules to clean a document with now: the built-in ones that are on, then the operator's that are on. */
    public List<NoticeRule> current() {
        return inForce.get();
    }

    /** The reviewed built-in rules, in file order. */
    public static List<NoticeRule> builtIn() {
        return BUILT_IN;
    }

    /** Every rule as the operator manages it: the built-in ones in file order, then the operator's, oldest first. */
    public List<NoticeRuleEntry> entries() {
        Set<String> off = repository.builtInOff();
        List<NoticeRuleEntry> entries = new ArrayList<>();
        for (NoticeRule rule : BUILT_IN) {
            entries.add(new NoticeRuleEntry(rule, !off.contains(rule.id()), BUILT_IN_EXAMPLES.get(rule.id()), null, null));
        }
        entries.addAll(repository.operatorRules());
        return entries;
    }

    /**
     * One rule.
     *
     * @throws Rejected 404 {@code RULE_NOT_FOUND}
     */
    public NoticeRuleEntry get(String id) {
        Optional<NoticeRule> builtIn = BUILT_IN.stream().filter(r -> r.id().equals(id)).findFirst();
        if (builtIn.isPresent()) {
            return new NoticeRuleEntry(builtIn.get(), !repository.builtInOff().contains(id), BUILT_IN_EXAMPLES.get(id),
                    null, null);
        }
        return repository.find(id).orElseThrow(() -> Rejected.notFound("RULE_NOT_FOUND", "没有这条清理规则。",
                "There is no such notice rule."));
    }

    /**
     * Adds an operator rule, on, after {@link NoticeRuleCheck} has checked it; imports apply it from now on.
     *
     * @param pattern a phrase a line must contain, or a regular expression when {@code regex}
     * @throws Rejected 422 {@code INVALID_RULE}, {@code RULE_TOO_BROAD} or {@code RULE_TOO_SLOW}; nothing is saved
     */
    @Transactional
    public NoticeRuleEntry add(String pattern, boolean regex, NoticeRule.Scope scope, String reason, String actorId) {
        NoticeRule rule = check.check(OPERATOR_PREFIX + Ids.newId().substring(0, 10), pattern, regex, scope, reason);
        if (repository.count() >= MAX_OPERATOR_RULES) {
            throw Rejected.invalid("INVALID_RULE", "最多只能添加 " + MAX_OPERATOR_RULES + " 条自定义规则，请先删除不用的规则。",
                    "At most " + MAX_OPERATOR_RULES + " rules of your own; delete some first.");
        }
        NoticeRuleEntry entry = new NoticeRuleEntry(rule, true, List.of(), actorId, clock.instant());
        repository.insert(entry);
        inForce.forget();
        events.publishEvent(new NoticeRuleEvent.Added(rule.id(), rule.pattern(), rule.regex(), rule.scope(),
                rule.reason()));
        return entry;
    }

    /**
     * Switches a rule, built-in or the operator's, on or off; imports follow from now on.
     *
     * @throws Rejected 404 {@code RULE_NOT_FOUND}
     */
    @Transactional
    public NoticeRuleEntry setEnabled(String id, boolean enabled, String actorId) {
        NoticeRuleEntry entry = get(id);
        if (entry.rule().builtIn()) {
            if (enabled) {
                repository.switchOn(id);
            } else {
                repository.switchOff(id, actorId, clock.instant());
            }
        } else {
            repository.setEnabled(id, enabled);
        }
        inForce.forget();
        if (entry.enabled() != enabled) {
            events.publishEvent(new NoticeRuleEvent.Switched(id, entry.rule().pattern(), entry.rule().builtIn(), enabled));
        }
        return new NoticeRuleEntry(entry.rule(), enabled, entry.examples(), entry.createdBy(), entry.createdAt());
    }

    /**
     * Deletes an operator rule; imports no longer apply it.
     *
     * @throws Rejected 404 {@code RULE_NOT_FOUND}; 409 {@code BUILT_IN_RULE} for a built-in rule (switch it off instead)
     */
    @Transactional
    public void delete(String id) {
        NoticeRuleEntry entry = get(id);
        refuseBuiltIn(entry);
        repository.delete(id);
        inForce.forget();
        NoticeRule r = entry.rule();
        events.publishEvent(new NoticeRuleEvent.Deleted(id, r.pattern(), r.regex(), r.scope()));
    }

    /**
     * Refuses to change a rule's pattern, scope or reason: a built-in rule is the reviewed list's, and an operator's
     * rule is deleted and added again, so that the check runs on what it becomes.
     *
     * @throws Rejected 404 {@code RULE_NOT_FOUND}; 409 {@code BUILT_IN_RULE}; 422 {@code INVALID_RULE}
     */
    public void refuseEdit(String id) {
        refuseBuiltIn(get(id));
        throw Rejected.invalid("INVALID_RULE", "规则只能开启或关闭；要修改，请删除后重新添加。",
                "A rule can only be switched on or off; to change it, delete it and add it again.");
    }

    private static void refuseBuiltIn(NoticeRuleEntry entry) {
        if (entry.rule().builtIn()) {
            throw Rejected.conflict("BUILT_IN_RULE", "内置规则不能修改或删除，只能关闭。",
                    "A built-in rule cannot be edited or deleted, only switched off.");
        }
    }

    /** The built-in rules that are on, then the operator's that are on, as the database says now. */
    private List<NoticeRule> read() {
        Set<String> off = repository.builtInOff();
        List<NoticeRule> rules = new ArrayList<>();
        BUILT_IN.stream().filter(r -> !off.contains(r.id())).forEach(rules::add);
        repository.operatorRules().stream().filter(NoticeRuleEntry::enabled).map(NoticeRuleEntry::rule).forEach(rules::add);
        return List.copyOf(rules);
    }

    /**
     * Reads a rule list: one rule a line, tab-separated {@code id scope regex reason example…}; lines starting with
     * {@code #} and blank lines are comments. The examples are for the tests, which check that every rule matches each
     * of its examples.
     */
    static List<NoticeRule> load(String resource) {
        List<NoticeRule> rules = new ArrayList<>();
        for (String[] f : rows(resource)) {
            rules.add(new NoticeRule(f[0], NoticeRule.Scope.valueOf(f[1]), f[2], true, f[3], true));
        }
        return List.copyOf(rules);
    }

    /** Each rule's examples (the fields after the reason), in file order. */
    static List<List<String>> examples(String resource) {
        return rows(resource).stream().map(f -> List.of(f).subList(Math.min(4, f.length), f.length)).toList();
    }

    private static List<String[]> rows(String resource) {
        try (InputStream in = NoticeRuleBook.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            List<String[]> rows = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 4) {
                    throw new IllegalStateException(resource + ": a rule needs id, scope, regex and reason: " + line);
                }
                rows.add(f);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
