package org.scriptorium.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.RefreshingCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The synonyms queries use: the reviewed built-in groups ({@code search/synonyms.tsv}, read-only) and the operator's
 * own groups that are on. {@link #current()} answers from memory; this node reads the operator's groups again at once
 * after it changed them, and otherwise at most every 30 seconds, in the background, so that a change made on another
 * node (they share the database) reaches this one within about half a minute and a search never waits for it.
 */
@Component
public class SynonymStore implements Supplier<Synonyms> {

    private static final Logger LOG = LoggerFactory.getLogger(SynonymStore.class);

    /** Read the operator's groups again after this, in case another node changed them. */
    static final Duration TTL = Duration.ofSeconds(30);
    /** More groups than this are no longer a reviewed list but a thesaurus nobody checks. */
    static final int MAX_OPERATOR_GROUPS = 500;
    /** The longest query 试一试 reads; a search query is far shorter. */
    static final int MAX_TRIAL = 200;
    static final String BUILT_IN_PREFIX = "builtin-";
    static final String OPERATOR_PREFIX = "syn-";

    private static final List<SynonymGroup> BUILT_IN = IntStream.range(0, Synonyms.builtIn().groups().size())
            .mapToObj(i -> new SynonymGroup(BUILT_IN_PREFIX + (i + 1), Synonyms.builtIn().groups().get(i), null, true,
                    true, null, null, null, null))
            .toList();

    private final SynonymRepository repository;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    /** The groups in force and the synonyms made of them. */
    private final RefreshingCache<Snapshot> inForce;

    private record Snapshot(Synonyms synonyms, List<SynonymGroup> groups) {
    }

    /**
     * A group a query would use, and which of its terms the query holds.
     *
     * @param group the group
     * @param found its terms that occur in the query, normalised
     */
    public record Match(SynonymGroup group, List<String> found) {
        public Match {
            found = List.copyOf(found);
        }
    }

    SynonymStore(SynonymRepository repository, Clock clock, ApplicationEventPublisher events) {
        this.repository = repository;
        this.clock = clock;
        this.events = events;
        this.inForce = new RefreshingCache<>("synonyms", TTL, clock, this::read);
    }

    /** The synonyms for a query now: the built-in groups and the operator's that are on. */
    public Synonyms current() {
        return inForce.get().synonyms();
    }

    /** The same as {@link #current()}, for whoever takes a {@code Supplier<Synonyms>}. */
    @Override
    public Synonyms get() {
        return current();
    }

    /** Every group as the operator manages it: the built-in ones in file order, then the operator's, oldest first. */
    public List<SynonymGroup> groups() {
        List<SynonymGroup> all = new ArrayList<>(BUILT_IN);
        all.addAll(repository.all());
        return all;
    }

    /**
     * One group.
     *
     * @throws Rejected 404 {@code SYNONYMS_NOT_FOUND}
     */
    public SynonymGroup group(String id) {
        if (id != null && id.startsWith(BUILT_IN_PREFIX)) {
            for (SynonymGroup g : BUILT_IN) {
                if (g.id().equals(id)) {
                    return g;
                }
            }
        }
        return repository.find(id).orElseThrow(() -> Rejected.notFound("SYNONYMS_NOT_FOUND", "没有这组同义词。",
                "There is no such synonym group."));
    }

    /**
     * Adds an operator group; queries use it at once when {@code enabled}.
     *
     * @param terms the terms as given (normalised here)
     * @param note  why the group is there; may be null
     * @throws Rejected 422 {@code INVALID_SYNONYMS} (see {@link SynonymCheck}, or too many groups); nothing is saved
     */
    @Transactional
    public SynonymGroup add(List<String> terms, String note, boolean enabled, String actorId) {
        List<String> checked = SynonymCheck.terms(terms);
        String checkedNote = SynonymCheck.note(note);
        if (repository.count() >= MAX_OPERATOR_GROUPS) {
            throw Rejected.invalid("INVALID_SYNONYMS", "最多只能添加 " + MAX_OPERATOR_GROUPS + " 组自定义同义词，请先删除不用的。",
                    "At most " + MAX_OPERATOR_GROUPS + " synonym groups of your own; delete some first.");
        }
        Instant now = clock.instant();
        SynonymGroup group = new SynonymGroup(OPERATOR_PREFIX + Ids.newId().substring(0, 10), checked, checkedNote,
                false, enabled, actorId, now, actorId, now);
        repository.insert(group);
        inForce.forget();
        events.publishEvent(new SynonymEvent.Added(group));
        return group;
    }

    /**
     * Changes an operator group; queries follow at once. A null argument keeps what the group has (an empty note
     * clears it).
     *
     * @throws Rejected 404 {@code SYNONYMS_NOT_FOUND}; 409 {@code BUILT_IN_SYNONYMS} for a built-in group;
     *                  422 {@code INVALID_SYNONYMS} for invalid terms or note, or when nothing is given; nothing is
     *                  saved then
     */
    @Transactional
    public SynonymGroup change(String id, List<String> terms, String note, Boolean enabled, String actorId) {
        SynonymGroup before = group(id);
        refuseBuiltIn(before);
        if (terms == null && note == null && enabled == null) {
            throw SynonymCheck.invalid("terms", "请说明要修改什么：词（terms）、备注（note）或开关（enabled）。",
                    "Say what to change: terms, note or enabled.");
        }
        List<String> newTerms = terms == null ? before.terms() : SynonymCheck.terms(terms);
        String newNote = note == null ? before.note() : SynonymCheck.note(note);
        boolean newEnabled = enabled == null ? before.enabled() : enabled;
        if (newTerms.equals(before.terms()) && Objects.equals(newNote, before.note()) && newEnabled == before.enabled()) {
            return before;
        }
        SynonymGroup after = new SynonymGroup(id, newTerms, newNote, false, newEnabled, before.createdBy(),
                before.createdAt(), actorId, clock.instant());
        if (!repository.update(after)) {
            throw notFound();
        }
        inForce.forget();
        events.publishEvent(new SynonymEvent.Changed(before, after));
        return after;
    }

    /**
     * Deletes an operator group; queries no longer use it.
     *
     * @throws Rejected 404 {@code SYNONYMS_NOT_FOUND}; 409 {@code BUILT_IN_SYNONYMS} for a built-in group
     */
    @Transactional
    public void delete(String id) {
        SynonymGroup group = group(id);
        refuseBuiltIn(group);
        if (!repository.delete(id)) {
            throw notFound();
        }
        inForce.forget();
        events.publishEvent(new SynonymEvent.Deleted(group));
    }

    /**
     * The groups in force any of whose terms occur in {@code query} (both {@linkplain Synonyms#normalise(String)
     * normalised}), in the order {@link #groups()} lists them: what the query can be widened with.
     *
     * @throws Rejected 422 {@code INVALID_QUERY} for a query longer than 200 characters
     */
    public List<Match> matches(String query) {
        if (query != null && query.length() > MAX_TRIAL) {
            throw Rejected.ofField(422, "INVALID_QUERY", "q", "试一试的搜索词不能超过 " + MAX_TRIAL + " 个字符。",
                    "The query to try may have at most " + MAX_TRIAL + " characters.");
        }
        String text = Synonyms.normalise(query);
        if (text.isEmpty()) {
            return List.of();
        }
        List<Match> matches = new ArrayList<>();
        for (SynonymGroup group : inForce.get().groups()) {
            List<String> found = group.terms().stream().filter(text::contains).toList();
            if (!found.isEmpty()) {
                matches.add(new Match(group, found));
            }
        }
        return matches;
    }

    private static void refuseBuiltIn(SynonymGroup group) {
        if (group.builtIn()) {
            throw Rejected.conflict("BUILT_IN_SYNONYMS", "内置同义词经过审核，不能修改或删除；可以另加一组自定义同义词。",
                    "A built-in synonym group cannot be changed or deleted; add a group of your own instead.");
        }
    }

    private static Rejected notFound() {
        return Rejected.notFound("SYNONYMS_NOT_FOUND", "没有这组同义词。", "There is no such synonym group.");
    }

    /** The groups in force; when the database cannot be read, those read before (or the built-in ones). */
    private Snapshot read(Snapshot before) {
        List<SynonymGroup> own;
        try {
            own = repository.all().stream().filter(SynonymGroup::enabled).toList();
        } catch (DataAccessException e) {
            // Searches go on with what they had (or the built-in list); the next read is tried after the TTL.
            LOG.warn("could not read the operator's synonym groups: {}", e.getMessage());
            return before != null ? before : new Snapshot(Synonyms.builtIn(), BUILT_IN);
        }
        List<SynonymGroup> groups = new ArrayList<>(BUILT_IN);
        groups.addAll(own);
        return new Snapshot(Synonyms.builtIn().with(Synonyms.of(own.stream().map(SynonymGroup::terms).toList())),
                List.copyOf(groups));
    }
}
