package org.scriptorium.library;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.membership.Tier;
import org.scriptorium.search.MaterialQuery;
import org.scriptorium.search.MaterialSearch;
import org.scriptorium.search.SearchResult;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The library's materials: import, revision, editorial details and listing. Reading a material's text goes
 * through {@link MaterialAccess}, which applies the entitlement rule.
 */
@Service
public class Materials {

    private final MaterialRepository repository;
    private final MaterialSearch search;
    private final Clock clock;
    private final StructureParser parser = new StructureParser();
    private final DocumentReader reader;
    private final ApplicationEventPublisher events;
    private final NearDuplicates nearDuplicates;
    private final int maxCharacters;
    private final NoticeRuleBook rules;

    /**
     * The kinds and topics in use, kept because listing them reads every material (seconds at 300,000) and pages
     * and empty-search help show them on every view. Dropped on every change made here; read again after
     * {@link #VOCABULARY_TTL}, in the background, in case another node or an import straight into the database changed
     * them.
     */
    private volatile Vocabulary vocabulary;
    private static final Duration VOCABULARY_TTL = Duration.ofMinutes(1);
    private final AtomicBoolean refreshing = new AtomicBoolean();

    private record Vocabulary(List<String> kinds, List<String> topics, Instant readAt) {
    }

    Materials(MaterialRepository repository, MaterialSearch search, Clock clock, ScriptoriumProperties properties,
              ImportLimits limits, ApplicationEventPublisher events, NoticeRuleBook rules,
              NearDuplicates nearDuplicates) {
        this.rules = rules;
        this.maxCharacters = limits.maxCharacters();
        this.nearDuplicates = nearDuplicates;
        this.repository = repository;
        this.search = search;
        this.clock = clock;
        this.events = events;
        this.reader = new DocumentReader(properties.upload().maxSize().toBytes());
    }

    /** One page of materials, how many match in all, and facet counts over all matches. */
    public record MaterialPage(long total, List<Material> materials, SearchResult.Facets facets) {
    }

    /**
     * Imports a new material: reads the file or pasted text, recognises its structure, strips the source's notices
     * and saves revision 1; as a draft when the draft says so (then nothing is announced until {@link #publish}). The
     * result lists the published materials whose text holds 90 % and more of this one's ({@link ImportResult#similar}):
     * it is imported all the same.
     *
     * @throws Rejected 422 for empty, malformed or encrypted input and invalid details; 413 for a file over the limit
     */
    @Transactional
    public ImportResult importMaterial(MaterialDraft draft, String editorId) {
        String source = sourceText(draft);
        return withSimilar(save(draft, source, read(source, draft), editorId));
    }

    private ImportResult withSimilar(ImportResult saved) {
        return new ImportResult(saved.material(), saved.revision(), saved.parsed(),
                nearDuplicates.similarTo(saved.parsed().body(), saved.material().id()));
    }

    /**
     * Publishes a draft: readers may see it from its chosen publication time, or from now if none was chosen, and it
     * is announced as an import is (search index, notifications, feed, webhooks). A material that is not a draft is
     * returned as it is, and nothing is announced again.
     *
     * @throws Rejected 404 for an unknown material
     */
    @Transactional
    public Material publish(String materialId) {
        Material current = get(materialId);
        if (!current.draft()) {
            return current;
        }
        Instant now = clock.instant();
        Material published = new Material(current.id(), current.title(), current.kind(), current.topics(), current.tier(),
                current.publishedAt() == null ? now : current.publishedAt(), current.currentRevision(),
                current.createdAt(), now, current.withdrawnAt(), false);
        if (!repository.publishDraft(published)) {
            return get(materialId); // published meanwhile (a second click): announced once, by the first
        }
        forgetVocabulary();
        if (!published.withdrawn()) { // a withdrawn one is announced when it is restored
            events.publishEvent(new MaterialEvent.Published(materialId));
        }
        return published;
    }

    /**
     * Puts lines the cleaner stripped back into a material's text: a new revision parsed from the same source text,
     * keeping the chosen lines and those put back before (every line the cleaner strips from the source that the
     * current revision kept). Published materials get the new revision as any revision (readers are told); drafts
     * stay drafts.
     *
     * @param lines some of the current revision's {@link ParsedMaterial#strippedLines()} texts, as written
     * @throws Rejected 404 for an unknown material; 422 {@code NO_LINES_CHOSEN} for none, {@code LINE_NOT_STRIPPED}
     *                  for a line the current revision did not strip
     */
    @Transactional
    public ImportResult putBack(String materialId, List<String> lines, String editorId) {
        Material current = get(materialId);
        Revision revision = revision(materialId, current.currentRevision());
        List<String> strippedNow = parse(revision).strippedNotices();
        List<String> chosen = lines == null ? List.of()
                : lines.stream().filter(l -> l != null && !l.isBlank()).map(String::strip).distinct().toList();
        if (chosen.isEmpty()) {
            throw Rejected.invalid("NO_LINES_CHOSEN", "请勾选要放回正文的行。", "Choose the lines to put back.");
        }
        List<String> strippedStripped = strippedNow.stream().map(String::strip).toList();
        for (String line : chosen) {
            if (!strippedStripped.contains(line)) {
                throw Rejected.invalid("LINE_NOT_STRIPPED", "“" + abbreviate(line) + "”不是本版去除的行，无法放回。",
                        "That line was not stripped from the current revision: " + abbreviate(line));
            }
        }
        java.util.LinkedHashSet<String> restored = new java.util.LinkedHashSet<>();
        parser.read(revision.sourceText(), new ImportContext(revision.sourceName(), List.of()), rules.current()).parsed()
                .strippedNotices().stream()
                .map(String::strip).filter(l -> !strippedStripped.contains(l)).forEach(restored::add);
        restored.addAll(chosen);
        MaterialDraft again = new MaterialDraft(revision.sourceText(), revision.sourceName(), null, null, null, null,
                null, null, "放回被去除的 " + chosen.size() + " 行", current.draft(), List.copyOf(restored));
        return revise(materialId, again, editorId);
    }

    /** The drafts, most recently changed first (at most 200): search never finds them, so staff list them apart. */
    public List<Material> drafts() {
        return repository.drafts(200);
    }

    private static String abbreviate(String line) {
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }

    /**
     * Imports a document unless a material whose current text is exactly its cleaned text is already in the library,
     * as when the same archive is imported twice; then nothing is saved or announced.
     *
     * @throws Rejected as {@link #importMaterial}
     */
    @Transactional
    public ImportOutcome importUnlessDuplicate(MaterialDraft draft, String editorId) {
        String source = sourceText(draft);
        StructureParser.Reading reading = read(source, draft);
        List<Material> same = repository.withBodyHash(BodyHash.of(reading.parsed().body()));
        if (!same.isEmpty()) {
            return new ImportOutcome.Duplicate(same.getFirst());
        }
        return new ImportOutcome.Imported(save(draft, source, reading, editorId));
    }

    private StructureParser.Reading read(String source, MaterialDraft draft) {
        return parser.read(source, new ImportContext(draft.fileName(), draft.restoredLines()), rules.current());
    }

    /**
     * The cleaned text to keep with a revision: none when it is the body itself (one title line, the salutation next,
     * as most texts are), since the body is kept anyway; {@link #parse(Revision)} then reads the body.
     */
    private static String storedCleanedText(StructureParser.Reading reading) {
        return reading.cleanedText().equals(reading.parsed().body()) ? null : reading.cleanedText();
    }

    private ImportResult save(MaterialDraft draft, String source, StructureParser.Reading reading, String editorId) {
        ParsedMaterial parsed = reading.parsed();
        Instant now = clock.instant();
        String title = cleanTitle(draft.title(), parsed.title());
        Material material = new Material(
                Ids.newId(),
                title,
                cleanKind(draft.kind(), title),
                draft.topics() == null ? List.of() : draft.topics(),
                draft.tier() == null ? Tier.MEMBER : draft.tier(),
                draft.publishedAt() == null && !draft.draft() ? now : draft.publishedAt(),
                1, now, now, null, draft.draft());
        Revision revision = new Revision(material.id(), 1, parsed.title(), draft.fileName(), source, parsed.body(),
                parsed.characters(), noteOr(draft.changeNote(), "首次导入"), editorId, now,
                StructureParser.CURRENT_VERSION, storedCleanedText(reading), BodyHash.of(parsed.body()), parsed.strippedLines());
        repository.insert(material);
        repository.insertRevision(revision);
        forgetVocabulary();
        if (!material.draft()) { // a draft is announced when it is published
            events.publishEvent(new MaterialEvent.Published(material.id()));
        }
        return new ImportResult(material, revision, parsed);
    }

    /**
     * Saves a new revision of a material's text with a change note; details given in the draft are updated too.
     * Earlier revisions stay as they were.
     *
     * @throws Rejected 404 for an unknown material, 422 without a change note or for bad input as on import
     */
    @Transactional
    public ImportResult revise(String materialId, MaterialDraft draft, String editorId) {
        Material current = get(materialId);
        String note = draft.changeNote() == null ? "" : draft.changeNote().strip();
        if (note.isEmpty()) {
            throw Rejected.invalid("CHANGE_NOTE_REQUIRED", "请填写修订说明，告诉读者改了什么。", "Describe the change in a change note.");
        }
        String source = sourceText(draft);
        StructureParser.Reading reading = read(source, draft);
        ParsedMaterial parsed = reading.parsed();
        Instant now = clock.instant();
        int number = current.currentRevision() + 1;
        Material revised = new Material(
                current.id(),
                draft.title() == null || draft.title().isBlank() ? current.title() : cleanTitle(draft.title(), parsed.title()),
                draft.kind() == null || draft.kind().isBlank() ? current.kind() : cleanKind(draft.kind(), current.title()),
                draft.topics() == null ? current.topics() : draft.topics(),
                draft.tier() == null ? current.tier() : draft.tier(),
                draft.publishedAt() == null ? current.publishedAt() : draft.publishedAt(),
                number, current.createdAt(), now, current.withdrawnAt(), current.draft());
        Revision revision = new Revision(materialId, number, parsed.title(), draft.fileName(), source, parsed.body(),
                parsed.characters(), note.length() > 1000 ? note.substring(0, 1000) : note, editorId, now,
                StructureParser.CURRENT_VERSION, storedCleanedText(reading), BodyHash.of(parsed.body()), parsed.strippedLines());
        repository.insertRevision(revision);
        repository.update(revised);
        forgetVocabulary();
        events.publishEvent(new MaterialEvent.Revised(materialId, number, revision.changeNote()));
        return new ImportResult(revised, revision, parsed);
    }

    /**
     * Corrects a material's title, kind, topics, tier or publication time without a new revision of its text.
     * Null arguments keep the current value.
     */
    @Transactional
    public Material updateDetails(String materialId, String title, String kind, List<String> topics, Tier tier, Instant publishedAt) {
        Material current = get(materialId);
        String newTitle = title == null || title.isBlank() ? current.title() : cleanTitle(title, current.title());
        Material updated = new Material(current.id(), newTitle,
                kind == null || kind.isBlank() ? current.kind() : cleanKind(kind, newTitle),
                topics == null ? current.topics() : topics,
                tier == null ? current.tier() : tier,
                publishedAt == null ? current.publishedAt() : publishedAt,
                current.currentRevision(), current.createdAt(), clock.instant(), current.withdrawnAt(), current.draft());
        repository.update(updated);
        forgetVocabulary();
        events.publishEvent(new MaterialEvent.DetailsChanged(materialId));
        return updated;
    }

    /** Withdraws a material from readers (staff still see it); nothing is deleted. Withdrawing twice changes nothing. */
    @Transactional
    public Material withdraw(String materialId) {
        Material current = get(materialId);
        if (current.withdrawn()) {
            return current;
        }
        Instant now = clock.instant();
        Material withdrawn = new Material(current.id(), current.title(), current.kind(), current.topics(), current.tier(),
                current.publishedAt(), current.currentRevision(), current.createdAt(), now, now, current.draft());
        repository.update(withdrawn);
        forgetVocabulary();
        events.publishEvent(new MaterialEvent.Withdrawn(materialId));
        return withdrawn;
    }

    /** Publishes a withdrawn material again, at its publication time. */
    @Transactional
    public Material restore(String materialId) {
        Material current = get(materialId);
        if (!current.withdrawn()) {
            return current;
        }
        Material restored = new Material(current.id(), current.title(), current.kind(), current.topics(), current.tier(),
                current.publishedAt(), current.currentRevision(), current.createdAt(), clock.instant(), null,
                current.draft());
        repository.update(restored);
        forgetVocabulary();
        if (!restored.draft()) { // a draft is announced when it is published, not before
            events.publishEvent(new MaterialEvent.Published(materialId));
        }
        return restored;
    }

    /** The cleaned current text of each given material, for snippets; callers decide who may see it. */
    Map<String, String> currentBodies(Collection<String> ids) {
        return repository.currentBodies(ids);
    }

    /** Each given material's current revision, for bulk work such as rebuilding the index. */
    Map<String, Revision> currentRevisions(Collection<String> ids) {
        return repository.currentRevisions(ids);
    }


    /** Materials by id, in the order given. */
    public List<Material> findAll(Collection<String> ids) {
        return repository.findAll(ids);
    }

    /** Every material id, oldest first. */
    public List<String> allIds() {
        return repository.allIds();
    }

    /**
     * Materials whose row changed at or after {@code since} (published, revised, details changed, withdrawn), by the
     * time the changing node stamped on it, drafts left out.
     */
    public List<String> changedSince(Instant since) {
        return repository.changedSince(since);
    }

    public Optional<Material> find(String materialId) {
        return repository.find(materialId);
    }

    /** @throws Rejected 404 when there is no such material */
    public Material get(String materialId) {
        return find(materialId).orElseThrow(Materials::notFound);
    }

    /** @throws Rejected 404 when there is no such revision */
    public Revision revision(String materialId, int revision) {
        return repository.revision(materialId, revision).orElseThrow(Materials::notFound);
    }

    /** Every revision, newest first. */
    public List<Revision> revisions(String materialId) {
        return repository.revisions(materialId);
    }

    /**
     * The structure of a revision, read again exactly as on import: by the parser that first read it, from what it
     * kept (see {@link StructureParser}).
     */
    public ParsedMaterial parse(Revision revision) {
        return switch (revision.parserVersion()) {
            case 1 -> parser.parseFirstVersion(revision.sourceText());
            case 2 -> parser.structure(revision.cleanedText() != null ? revision.cleanedText() : revision.body(),
                    revision.sourceName(), revision.strippedLines());
            default -> throw new IllegalStateException("revision " + revision.materialId() + "/" + revision.revision()
                    + " was read by parser " + revision.parserVersion() + ", which this version does not know");
        };
    }

    /** Materials matching a query, newest first; unpublished ones only for staff. */
    public MaterialPage list(MaterialQuery query, boolean includeUnpublished) {
        SearchResult result = search.search(query, clock.instant(), includeUnpublished);
        List<String> ids = result.hits().stream().map(SearchResult.MaterialHit::materialId).toList();
        return new MaterialPage(result.total(), repository.findAll(ids), result.facets());
    }

    /** Each material readers may find, with the version of its row as the search index records it. */
    Map<String, String> versions() {
        Map<String, String> out = new java.util.HashMap<>();
        repository.versions().forEach((id, version) -> out.put(id, version.toString()));
        return out;
    }

    /** The version of a material's row as the search index records it. */
    static String version(Material m) {
        return MaterialRepository.Version.of(m).toString();
    }

    public long count() {
        return repository.count();
    }

    /** Every kind in use, for filters. */
    public List<String> kinds() {
        return vocabulary().kinds();
    }

    /** Every topic in use, for filters. */
    public List<String> topics() {
        return vocabulary().topics();
    }

    /** Now, and again once the change is committed, so that a read meanwhile cannot keep the old list. */
    private void forgetVocabulary() {
        vocabulary = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    vocabulary = null;
                }
            });
        }
    }

    private Vocabulary vocabulary() {
        Vocabulary v = vocabulary;
        if (v == null) {
            return readVocabulary();
        }
        if (v.readAt().plus(VOCABULARY_TTL).isBefore(clock.instant()) && refreshing.compareAndSet(false, true)) {
            // Old enough to check, but a reader should not wait seconds for it: read it again in the background.
            Thread.ofVirtual().name("vocabulary-refresh").start(() -> {
                try {
                    readVocabulary();
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return v;
    }

    private Vocabulary readVocabulary() {
        Instant now = clock.instant();
        TreeSet<String> topics = new TreeSet<>(Comparator.naturalOrder());
        repository.topicTexts().forEach(t -> topics.addAll(Topics.parse(t)));
        Vocabulary v = new Vocabulary(List.copyOf(repository.kinds()), List.copyOf(topics), now);
        vocabulary = v;
        return v;
    }

    /** @throws Rejected 413 {@code TEXT_TOO_LONG} for a text, pasted or read from a file, over the character limit */
    private String sourceText(MaterialDraft draft) {
        String text;
        if (draft.hasFile()) {
            text = reader.read(draft.fileName(), draft.file());
        } else {
            text = draft.text();
            if (text == null || text.isBlank()) {
                throw Rejected.invalid("EMPTY_TEXT", "请粘贴正文或上传文件（支持 .txt、.docx、.doc、.wps、.pdf、.md）。",
                        "Paste the text or upload a file (.txt, .docx, .doc, .wps, .pdf or .md).");
            }
        }
        // Checked before anything is parsed or written: a text far over the limit costs every first reader.
        if (text.length() > maxCharacters) {
            int actual = text.codePointCount(0, text.length());
            if (actual > maxCharacters) {
                throw new Rejected(413, "TEXT_TOO_LONG",
                        String.format("正文共 %,d 字，超过每篇 %,d 字的上限，请分篇导入。", actual, maxCharacters),
                        String.format("The text has %,d characters, over the limit of %,d per material; import it in parts.",
                                actual, maxCharacters));
            }
        }
        return text;
    }

    private static String cleanTitle(String given, String detected) {
        String title = given == null || given.isBlank() ? detected : given.strip();
        if (title.length() > 300) {
            throw Rejected.invalid("TITLE_TOO_LONG", "标题不能超过 300 个字。", "The title must be at most 300 characters.");
        }
        return title;
    }

    private static String cleanKind(String given, String title) {
        String kind = given == null || given.isBlank() ? KindGuess.fromTitle(title) : given.strip();
        if (kind.length() > 50) {
            throw Rejected.invalid("KIND_TOO_LONG", "文种名称不能超过 50 个字。", "The kind must be at most 50 characters.");
        }
        return kind;
    }

    private static String noteOr(String note, String fallback) {
        return note == null || note.isBlank() ? fallback : note.strip();
    }

    private static Rejected notFound() {
        return Rejected.notFound("MATERIAL_NOT_FOUND", "资料不存在。", "No such material.");
    }
}
