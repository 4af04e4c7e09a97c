package org.scriptorium.tracer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.scriptorium.common.text.Normalised;
import org.scriptorium.tracing.FragileMark;
import org.scriptorium.tracing.Marks;
import org.scriptorium.tracing.TextMarks;
import org.scriptorium.tracing.VariationSite;

/**
 * The tracer itself, in plain Java: from a bundle of leaked pieces to the members it names, with the bound.
 *
 * <ol>
 *   <li>Each piece is brought to Simplified characters when it is written in Traditional ones, and pieces with the
 *       same text are counted once.</li>
 *   <li>The {@link SourceFinder} finds every revision the pieces draw on: whole copies, bundles, excerpts inside
 *       other text, and every revision whose text is the same as one found (each is scored).</li>
 *   <li>The robust layer is read at every site of every revision found (only in its part of a piece, when it was
 *       found inside other text), per set of sites, into {@link Evidence}: a set of distinct positions. FREE
 *       revisions are listed but not read: their copies circulate legitimately.</li>
 *   <li>Invisible payloads and file tokens are checked against the rest: the revision they name must be one the text
 *       around them comes from, not FREE, their member must have received it, and the robust layer there must not
 *       contradict them. Those that pass point to candidates; the rest are reported and set aside. They never name
 *       anyone.</li>
 *   <li>The {@link Scorer} scores every recipient and names those whose corrected bound is at most the threshold.</li>
 *   <li>Notes say what the evidence itself shows (repeated, converted, canonicalised, the original, …) and, when no one
 *       is named, how much more text would do.</li>
 * </ol>
 *
 * Thread-safe: traces run one at a time, as they share the index of delivered revisions.
 */
public final class LeakTracer {

    /** The overall chance of wrongly accusing anyone that the operator accepts. */
    public static final double DEFAULT_THRESHOLD = 1e-6;
    /** Below this chance a reporter's own score on the evidence is not taken for coincidence. */
    public static final double REPORTER_CHANCE = 0.01;
    /** Fewer reads than this say nothing about how a text was written. */
    private static final int FORM_EVIDENCE = 20;

    /** What a trace is asked: the threshold, and for a report, who reported it. */
    public record Request(double threshold, String reporterId) {

        public Request {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("the threshold must lie in (0, 1), not " + threshold);
            }
        }

        public static Request defaults() {
            return new Request(DEFAULT_THRESHOLD, null);
        }
    }

    private final TraceSources sources;
    private final Codebook code;
    private final FingerprintStore stored;
    private final SourceFinder finder = new SourceFinder();
    private final Map<String, Indexed> indexed = new HashMap<>();
    private final Map<Long, List<String>> byTag = new HashMap<>();
    /**
     * The revisions the current trace looked at, read from the sources once per trace: the index keeps fingerprints
     * only, so that a start fills it from stored fingerprints without reading every revision's text.
     */
    private final Map<String, Optional<TraceSources.Revision>> read = new HashMap<>();

    private record Indexed(TraceSources.RevisionId id, int characters) {
    }

    /**
     * One piece of evidence as the tracer reads it.
     *
     * @param raw    the text as received, invisible payloads included
     * @param text   the text in Simplified characters
     * @param sameAs the index of the first piece with the same text (its own index if none came before)
     */
    private record Piece(int index, String name, String raw, String text, List<String> tokens, int sameAs) {

        boolean distinct() {
            return sameAs == index;
        }
    }

    /** A tracer that makes every revision's fingerprints from its text (simulations). */
    public LeakTracer(TraceSources sources, Codebook code) {
        this(sources, code, FingerprintStore.NONE);
    }

    /** A tracer that reads the fingerprints of delivered revisions from {@code stored}, and stores those it makes. */
    LeakTracer(TraceSources sources, Codebook code, FingerprintStore stored) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.code = Objects.requireNonNull(code, "code");
        this.stored = Objects.requireNonNull(stored, "stored");
    }

    /** Traces a bundle with the default threshold. */
    public TraceResult trace(List<Leak> leaks) {
        return trace(leaks, Request.defaults());
    }

    /**
     * Traces a bundle of leaked pieces (files and pasted texts of one case).
     *
     * @throws IllegalArgumentException if there is no piece
     */
    public synchronized TraceResult trace(List<Leak> leaks, Request request) {
        if (leaks.isEmpty()) {
            throw new IllegalArgumentException("nothing to trace");
        }
        refresh();
        read.clear();
        Trace trace = new Trace(request);
        trace.readPieces(leaks);
        trace.findSources();
        trace.readMarks();
        trace.checkPointers();
        return trace.conclude();
    }

    /** One trace's state, step by step. */
    private final class Trace {
        final Request request;
        final Notes notes = new Notes();
        final List<Piece> pieces = new ArrayList<>();
        List<Piece> distinct;
        /** The revisions each distinct piece draws on, by piece index. */
        final Map<Integer, Set<String>> matchedIn = new HashMap<>();
        /** Where in a piece a revision found inside other text stands, by piece index and revision key. */
        final Map<Integer, Map<String, int[]>> spans = new HashMap<>();
        final Map<String, TraceResult.SourceMaterial> found = new LinkedHashMap<>();
        final Map<String, List<TraceSources.Recipient>> recipientsOf = new LinkedHashMap<>();
        final Map<String, Evidence.Cell> cells = new LinkedHashMap<>();
        final List<TraceResult.Pointer> pointers = new ArrayList<>();
        final Set<String> nominated = new LinkedHashSet<>();

        Trace(Request request) {
            this.request = request;
        }

        /** 1. Each piece in Simplified characters; pieces with the same text count once. */
        void readPieces(List<Leak> leaks) {
            Map<String, Integer> byText = new HashMap<>();
            for (int i = 0; i < leaks.size(); i++) {
                Leak leak = leaks.get(i);
                ChineseScript.Simplified script = ChineseScript.simplify(leak.text());
                String normal = Normalised.of(script.text()).text();
                int sameAs = normal.isEmpty() ? i : byText.computeIfAbsent(normal, k -> pieces.size());
                pieces.add(new Piece(i, leak.name(), leak.text(), script.text(), leak.fileTokens(), sameAs));
                if (script.converted()) {
                    notes.add("TRADITIONAL_CONVERTED", "证据「" + leak.name() + "」是繁体字，已用 OpenCC 词典转为简体后再比对和读取（改动 "
                            + script.changed() + " 个字）。");
                }
            }
            distinct = pieces.stream().filter(Piece::distinct).toList();
        }

        /** 2. The revisions each piece draws on, and every revision with the same text. */
        void findSources() {
            for (Piece piece : distinct) {
                for (SourceFinder.SourceMatch match : finder.find(piece.text())) {
                    TraceSources.Revision r = revisionOf(match.revisionKey());
                    if (r == null) {
                        continue;
                    }
                    matchedIn.computeIfAbsent(piece.index(), k -> new LinkedHashSet<>()).add(match.revisionKey());
                    if (match.withinOtherText() && match.to() > match.from()) {
                        spans.computeIfAbsent(piece.index(), k -> new HashMap<>())
                                .put(match.revisionKey(), new int[] {match.from(), match.to()});
                    }
                    TraceSources.Revision same = match.equivalentTo() == null ? null : revisionOf(match.equivalentTo());
                    TraceResult.SourceMaterial m = new TraceResult.SourceMaterial(r.materialId(), r.revision(), r.title(),
                            match.leakCoverage(), r.free(), 0, 0, match.withinOtherText(),
                            same == null ? null : same.materialId());
                    found.merge(match.revisionKey(), m, (a, b) -> a.coverage() >= b.coverage() ? a : b);
                    if (match.withinOtherText()) {
                        notes.add("EXCERPT_IN_OTHER_TEXT", "证据「" + piece.name() + "」中有一段（约 "
                                + Math.max(0, match.to() - match.from()) + " 字）出自《" + r.title() + "》，其余是其他文字。");
                    }
                    if (same != null) {
                        notes.add("SAME_TEXT_IN_SEVERAL_MATERIALS", "《" + r.title() + "》第 " + r.revision() + " 版与《"
                                + same.title() + "》第 " + same.revision()
                                + " 版的文字相同或几乎相同，两者的收件人都已计分。");
                    }
                }
            }
        }

        /**
         * 3. The robust layer, read once per distinct piece, revision and set of sites. Where a revision was found
         * inside other text, only that part is read: the other text may repeat stock sentences of the revision, and
         * what it shows there is nobody's copy.
         */
        void readMarks() {
            Map<String, TextMarks.Leak> prepared = new HashMap<>();
            for (String key : found.keySet()) {
                TraceSources.Revision revision = revisionOf(key);
                if (revision.free()) {
                    continue; // free copies circulate legitimately: whose copy it was names no one
                }
                List<TraceSources.Recipient> recipients = sources.recipients(revision);
                recipientsOf.put(key, recipients);
                Set<String> sitesKeys = new LinkedHashSet<>();
                recipients.forEach(r -> sitesKeys.add(r.sitesKey()));
                TextMarks.Original original = original(key, revision);
                for (String sitesKey : sitesKeys) {
                    List<VariationSite> sites = sources.sites(revision, sitesKey);
                    Evidence.Cell cell = new Evidence.Cell(cells.size(), revision, sitesKey, sites.size(),
                            indexed.get(key).characters());
                    cells.put(cellKey(key, sitesKey), cell);
                    for (Piece piece : distinct) {
                        if (!matchedIn.getOrDefault(piece.index(), Set.of()).contains(key)) {
                            continue;
                        }
                        int[] span = spans.getOrDefault(piece.index(), Map.of()).get(key);
                        TextMarks.Leak leak = span == null
                                ? prepared.computeIfAbsent(piece.index() + "", i -> TextMarks.leak(piece.text()))
                                : prepared.computeIfAbsent(piece.index() + ":" + span[0] + "-" + span[1],
                                        i -> TextMarks.leak(around(piece.text(), span)));
                        for (TextMarks.SiteRead read : TextMarks.read(original, sites, leak)) {
                            VariationSite site = sites.get(read.site());
                            String position = Marks.positionKey(key, site);
                            cell.add(piece.index(), position, code.bias(position), site, read.observed());
                        }
                    }
                }
            }
        }

        /** 4. Invisible payloads and file tokens: corroboration, checked against everything else. */
        void checkPointers() {
            Set<String> seen = new HashSet<>();
            for (Piece piece : pieces) {
                Set<List<Long>> fragile = new LinkedHashSet<>();
                for (FragileMark.Payload payload : code.payloads(piece.raw())) {
                    fragile.add(List.of(payload.memberNumber(), payload.revisionTag()));
                }
                Set<List<Long>> files = new LinkedHashSet<>();
                for (String token : piece.tokens()) {
                    code.token(token).ifPresent(o -> files.add(List.of(o.memberNumber(), o.revisionTag())));
                }
                for (String layer : List.of("FRAGILE", "FILE")) {
                    for (List<Long> pointer : layer.equals("FRAGILE") ? fragile : files) {
                        if (!seen.add(layer + pointer + piece.sameAs())) {
                            continue; // the same pointer in a piece with the same text: one piece of evidence
                        }
                        TraceResult.Pointer checked = check(layer, pointer.get(0), pointer.get(1),
                                pieces.get(piece.sameAs()), piece.name(), matchedIn, recipientsOf, cells);
                        pointers.add(checked);
                        if (checked.consistent()) {
                            nominated.add(checked.userId());
                        } else {
                            notes.add("PAYLOAD_INCONSISTENT", checked.layerLabel() + "指向会员 " + checked.memberNumber()
                                    + (checked.email() == null ? "" : "（" + checked.email() + "）") + "，已搁置，不指认任何人："
                                    + checked.reason());
                        }
                    }
                }
            }
        }

        /** 5. Every recipient scored; then what the evidence shows, and the verdict. */
        TraceResult conclude() {
            Scorer.Outcome outcome = new Scorer(code, pieces.stream().map(Piece::name).toList())
                    .score(candidates(), request.threshold(), request.reporterId());
            TraceResult.EvidenceSummary summary = summarise(outcome.bestBound());
            Map<String, Evidence.Cell> largest = new LinkedHashMap<>();
            for (Evidence.Cell cell : cells.values()) {
                largest.merge(cell.revision.key(), cell, (a, b) -> a.positions.size() >= b.positions.size() ? a : b);
            }
            largest.values().forEach(cell -> forms(cell, notes));

            List<TraceResult.Suspect> suspects = suspects(outcome);
            notePointersNotEnough(outcome, suspects);
            for (TraceResult.SourceMaterial m : found.values()) {
                if (m.free()) {
                    notes.add("FREE_MATERIAL", "《" + m.title() + "》是免费资料，任何登录用户都可以阅读和转发，"
                            + "会员把自己的副本给别人并不违规：这份资料的副本不据此指认任何人。");
                }
            }
            List<TraceResult.SourceMaterial> materials = materials(outcome, largest, suspects.isEmpty());
            TraceResult.ReporterCheck reporter = null;
            if (outcome.reporter() != null) {
                Scorer.Scored r = outcome.reporter();
                reporter = new TraceResult.ReporterCheck(r.member().userId(), r.positions(), r.score(), r.bound(),
                        r.bound() <= REPORTER_CHANCE);
            }
            if (!suspects.isEmpty()) {
                return new TraceResult(TraceResult.Verdict.ACCUSE, null, materials, suspects, request.threshold(),
                        notes.list(), pointers, reporter, summary);
            }
            String reason;
            if (found.isEmpty()) {
                reason = "文本与资料库中任何已交付的资料都不匹配。";
                notes.add("NO_SOURCE", reason + (pointers.isEmpty() ? "" : "其中的隐形标记或文件痕迹不能单独认定任何人。"));
            } else {
                reason = "证据不足：读到 " + summary.positions() + " 个不同的标记位置，任何会员的误判上界都高于阈值"
                        + (outcome.bestBound() < 1 ? "（最低为 " + format(outcome.bestBound()) + "）" : "") + "，不指认任何人。";
            }
            return new TraceResult(TraceResult.Verdict.INCONCLUSIVE, reason, materials, List.of(), request.threshold(),
                    notes.list(), pointers, reporter, summary);
        }

        /** Every recipient with reads in some cell, with their cells in evidence order. */
        private List<Scorer.Candidate> candidates() {
            Map<String, List<Evidence.Cell>> cellsOf = new LinkedHashMap<>();
            Map<String, TraceSources.Member> members = new HashMap<>();
            for (Map.Entry<String, List<TraceSources.Recipient>> e : recipientsOf.entrySet()) {
                for (TraceSources.Recipient r : e.getValue()) {
                    Evidence.Cell cell = cells.get(cellKey(e.getKey(), r.sitesKey()));
                    if (!cell.positions.isEmpty()) {
                        cellsOf.computeIfAbsent(r.member().userId(), k -> new ArrayList<>()).add(cell);
                        members.put(r.member().userId(), r.member());
                    }
                }
            }
            List<Scorer.Candidate> candidates = new ArrayList<>(cellsOf.size());
            for (Map.Entry<String, List<Evidence.Cell>> e : cellsOf.entrySet()) {
                List<Evidence.Cell> own = new ArrayList<>(e.getValue());
                own.sort((a, b) -> Integer.compare(a.id, b.id));
                candidates.add(new Scorer.Candidate(members.get(e.getKey()), own, nominated.contains(e.getKey())));
            }
            return candidates;
        }

        /** How much was read, and how much of it repeated other evidence. */
        private TraceResult.EvidenceSummary summarise(double lowestBound) {
            int reads = 0;
            int conflicting = 0;
            Set<String> positions = new HashSet<>();
            for (Evidence.Cell cell : cells.values()) {
                reads += cell.reads();
                conflicting += cell.conflicting();
                positions.addAll(cell.positions.keySet());
            }
            int duplicates = pieces.size() - distinct.size();
            if (duplicates > 0 || reads > positions.size()) {
                notes.add("SAME_EVIDENCE_REPEATED", "收到 " + pieces.size() + " 份证据，其中 " + duplicates
                        + " 份与另一份内容相同；同一标记位置只计一次：共读取 " + reads + " 次，去重后 " + positions.size()
                        + " 个不同位置。");
            }
            if (conflicting > 0) {
                notes.add("MIXED_COPIES", conflicting + " 个位置在不同证据中读到了不同写法：可能合并了几个账号的副本。"
                        + "合并计分时这些位置不计，逐份计分时照常计入。");
            }
            return new TraceResult.EvidenceSummary(pieces.size(), distinct.size(), reads, positions.size(), conflicting,
                    lowestBound);
        }

        private List<TraceResult.Suspect> suspects(Scorer.Outcome outcome) {
            List<TraceResult.Suspect> suspects = new ArrayList<>();
            for (Scorer.Scored s : outcome.named()) {
                String userId = s.member().userId();
                int fragile = (int) pointers.stream().filter(p -> p.consistent() && userId.equals(p.userId())
                        && p.layer().equals("FRAGILE")).count();
                int files = (int) pointers.stream().filter(p -> p.consistent() && userId.equals(p.userId())
                        && p.layer().equals("FILE")).count();
                suspects.add(new TraceResult.Suspect(userId, s.member().memberNumber(), s.member().email(), s.score(),
                        s.bound(), new TraceResult.Layers(new TraceResult.Robust(s.score(), s.positions(), s.bound()),
                        fragile, files), s.basis(), s.parts()));
            }
            return suspects;
        }

        /** Says what a consistent pointer to someone not named holds, once per member. */
        private void notePointersNotEnough(Scorer.Outcome outcome, List<TraceResult.Suspect> suspects) {
            Set<String> told = new HashSet<>();
            suspects.forEach(s -> told.add(s.userId()));
            for (TraceResult.Pointer p : pointers) {
                if (p.consistent() && told.add(p.userId())) {
                    Scorer.Scored s = outcome.nominated().get(p.userId());
                    String robust = s == null || s.positions() == 0 ? "这段文字没有读到稳健层的标记"
                            : "稳健层在 " + s.positions() + " 个位置上与其一致，但误判上界为 " + format(s.bound()) + "，高于阈值";
                    notes.add("PAYLOAD_NOT_ENOUGH", p.layerLabel() + "指向会员 " + p.memberNumber()
                            + (p.email() == null ? "" : "（" + p.email() + "）") + "，与交付记录一致，稳健层也不矛盾；但" + robust
                            + "。隐形标记和文件痕迹可以从别的副本移植，不能单独据此认定。");
                }
            }
        }

        /**
         * The distinct positions of a revision read with one form, over all its sets of sites: recipients whose first
         * copy came under another rule set or other vetoes are read as cells of their own, and a place both sets use is
         * one position (its key names the place), as the evidence summary counts it.
         */
        private int consistentPositions(String revisionKey) {
            Set<String> keys = new HashSet<>();
            for (Evidence.Cell cell : cells.values()) {
                if (cell.revision.key().equals(revisionKey)) {
                    cell.consistent().forEach(read -> keys.add(read.position().key));
                }
            }
            return keys.size();
        }

        /** Per material: positions read, and for an inconclusive trace, how much more text it would take. */
        private List<TraceResult.SourceMaterial> materials(Scorer.Outcome outcome, Map<String, Evidence.Cell> largest,
                                                          boolean inconclusive) {
            // the bound one more test would need: in the nomination family when a payload or token points to
            // someone, else among everyone who received the revisions
            double perTest = outcome.nominationTests() > 0
                    ? request.threshold() * Scorer.NOMINATION_SHARE / outcome.nominationTests()
                    : request.threshold() / Math.max(outcome.populationTests(), 2L * recipientCount(recipientsOf));
            int needed = PositionsNeeded.forBound(perTest);
            List<TraceResult.SourceMaterial> materials = new ArrayList<>();
            for (Map.Entry<String, TraceResult.SourceMaterial> e : found.entrySet()) {
                TraceResult.SourceMaterial m = e.getValue();
                Evidence.Cell cell = largest.get(e.getKey());
                int positions = consistentPositions(e.getKey());
                int characters = 0;
                if (inconclusive && cell != null) {
                    double density = cell.density();
                    characters = density <= 0 ? -1 : (int) Math.ceil(Math.max(0, needed - positions) / density);
                    notes.add("MORE_TEXT_NEEDED", "《" + m.title() + "》：读到 " + positions + " 个标记位置；要认定一位泄露者约需 "
                            + needed + " 个" + (characters < 0 ? "，但这份资料没有可用的标记位置。"
                            : characters == 0 ? "。" : "，约需再多 " + characters + " 字出自同一副本的文字。"));
                }
                materials.add(new TraceResult.SourceMaterial(m.materialId(), m.revision(), m.title(), m.coverage(),
                        m.free(), positions, Math.max(0, characters), m.withinOtherText(), m.equivalentTo()));
            }
            return materials;
        }
    }

    /** Checks a verified payload or token against the text it sits in, the ledger and the robust layer. */
    private TraceResult.Pointer check(String layer, long memberNumber, long tag, Piece piece, String pieceName,
                                      Map<Integer, Set<String>> matchedIn, Map<String, List<TraceSources.Recipient>> recipientsOf,
                                      Map<String, Evidence.Cell> cells) {
        Optional<TraceSources.Member> account = sources.member(memberNumber);
        String userId = account.map(TraceSources.Member::userId).orElse(null);
        String email = account.map(TraceSources.Member::email).orElse(null);
        List<String> revisions = byTag.getOrDefault(tag, List.of());
        if (revisions.isEmpty()) {
            return new TraceResult.Pointer(layer, memberNumber, userId, email, null, null, null, pieceName, false,
                    "它标记的资料版本不是任何已交付的版本。");
        }
        Set<String> matched = matchedIn.getOrDefault(piece.index(), Set.of());
        String revisionKey = revisions.stream().filter(matched::contains).findFirst().orElse(null);
        if (revisionKey == null) {
            TraceSources.Revision named = revisionOf(revisions.getFirst());
            if (named == null) {
                return new TraceResult.Pointer(layer, memberNumber, userId, email, null, null, null, pieceName, false,
                        "它标记的资料版本不是任何已交付的版本。");
            }
            return new TraceResult.Pointer(layer, memberNumber, userId, email, named.materialId(), named.title(),
                    named.revision(), pieceName, false, "它属于《" + named.title() + "》第 " + named.revision() + " 版的副本，但它所在的文字"
                    + (matched.isEmpty() ? "不出自任何已交付的资料" : "不出自这份资料") + "，像是从别的副本移植过来的。");
        }
        TraceSources.Revision revision = revisionOf(revisionKey);
        if (revision.free()) {
            return new TraceResult.Pointer(layer, memberNumber, userId, email, revision.materialId(), revision.title(),
                    revision.revision(), pieceName, false, "《" + revision.title() + "》是免费资料，它的副本人人可得，不据此指认任何人。");
        }
        Optional<TraceSources.Recipient> recipient = recipientsOf.getOrDefault(revisionKey, List.of()).stream()
                .filter(r -> r.member().memberNumber() == memberNumber).findFirst();
        if (recipient.isEmpty()) {
            return new TraceResult.Pointer(layer, memberNumber, userId, email, revision.materialId(), revision.title(),
                    revision.revision(), pieceName, false, "交付记录显示该会员从未收到过《" + revision.title() + "》第 " + revision.revision() + " 版。");
        }
        Evidence.Cell cell = cells.get(cellKey(revisionKey, recipient.get().sitesKey()));
        List<Evidence.Read> reads = cell == null ? List.of() : cell.byPiece.getOrDefault(piece.index(), List.of());
        int mismatches = 0;
        for (Evidence.Read read : reads) {
            if (code.symbol(memberNumber, read.position().key) != read.observed()) {
                mismatches++;
            }
        }
        // a genuine copy reads the member's own form at every site, bar a rare misreading
        if (mismatches >= 2 && mismatches * 5 > reads.size()) {
            return new TraceResult.Pointer(layer, memberNumber, recipient.get().member().userId(),
                    recipient.get().member().email(), revision.materialId(), revision.title(), revision.revision(),
                    pieceName, false,
                    "稳健层与之矛盾：这段文字的 " + reads.size() + " 个标记位置中有 " + mismatches + " 个与该会员的副本不符。");
        }
        return new TraceResult.Pointer(layer, memberNumber, recipient.get().member().userId(),
                recipient.get().member().email(), revision.materialId(), revision.title(), revision.revision(), pieceName,
                true, null);
    }

    /**
     * Notes a cell whose reads show how the text was written rather than whose copy it is: every site in its
     * source's form (the unmarked original), or every site of a rule in one form (canonicalised). Either way an
     * innocent member's score is unaffected; the note tells the editor why nobody scores.
     */
    private static void forms(Evidence.Cell cell, Notes notes) {
        List<Evidence.Read> reads = cell.consistent();
        if (reads.size() < FORM_EVIDENCE) {
            return;
        }
        int source = 0;
        for (Evidence.Read r : reads) {
            if (!r.observed()) {
                source++;
            }
        }
        String title = "《" + cell.revision.title() + "》";
        if (source >= 0.95 * reads.size()) {
            notes.add("ORIGINAL_TEXT", title + "：读到的 " + reads.size() + " 个标记位置中有 " + source
                    + " 个是原稿的写法，而每份会员副本约有一半位置用另一种写法。这是未经个性化的原稿（或据原稿改写），"
                    + "没有会员收到过这样的副本：请核查能接触原稿的工作人员账号和导入来源。");
            return;
        }
        // the chance that a real copy shows one form throughout every rule read more than once
        Map<String, List<Evidence.Read>> byRule = new LinkedHashMap<>();
        for (Evidence.Read r : reads) {
            byRule.computeIfAbsent(r.position().site.rule(), k -> new ArrayList<>()).add(r);
        }
        double logChance = 0;
        int inGroups = 0;
        String example = null;
        for (List<Evidence.Read> group : byRule.values()) {
            if (group.size() < 2) {
                continue;
            }
            String form = shown(group.getFirst());
            for (Evidence.Read r : group) {
                if (!shown(r).equals(form)) {
                    return; // two forms of one rule: not canonicalised
                }
            }
            inGroups += group.size();
            String other = group.getFirst().observed() ? group.getFirst().position().site.form0()
                    : group.getFirst().position().site.form1();
            double allThis = 0;
            double allOther = 0;
            for (Evidence.Read r : group) {
                VariationSite site = r.position().site;
                double p = r.position().bias;
                allThis += Math.log(site.form1().equals(form) ? p : 1 - p);
                allOther += Math.log(site.form1().equals(other) ? p : 1 - p);
            }
            logChance += Math.log(Math.exp(allThis) + Math.exp(allOther));
            if (example == null) {
                example = other + "/" + form + " 全部读作「" + form + "」";
            }
        }
        if (inGroups >= FORM_EVIDENCE && logChance < Math.log(1e-4)) {
            notes.add("UNIFORM_FORMS", title + "：每一类可替换的写法都统一成了同一种（例如 " + example + "，共 " + inGroups
                    + " 个位置），真实副本这样的机会不到万分之一。文本被统一改写过，稳健层不再携带会员的信息。");
        }
    }

    private static String shown(Evidence.Read r) {
        return r.observed() ? r.position().site.form1() : r.position().site.form0();
    }

    private static int recipientCount(Map<String, List<TraceSources.Recipient>> recipientsOf) {
        Set<String> all = new LinkedHashSet<>();
        recipientsOf.values().forEach(list -> list.forEach(r -> all.add(r.member().userId())));
        return Math.max(1, all.size());
    }

    private static String cellKey(String revisionKey, String sitesKey) {
        return revisionKey + "|" + sitesKey;
    }

    static String format(double p) {
        return p >= 0.01 ? String.format(Locale.ROOT, "%.2f", p) : String.format(Locale.ROOT, "%.1e", p);
    }

    /** Characters of context kept beyond a span found inside other text, so that its first and last sites read. */
    private static final int SPAN_MARGIN = 24;

    private static String around(String text, int[] span) {
        return text.substring(Math.max(0, span[0] - SPAN_MARGIN), Math.min(text.length(), span[1] + SPAN_MARGIN));
    }

    /** The revision's original prepared for reading, kept for the revisions traced lately. */
    private TextMarks.Original original(String key, TraceSources.Revision revision) {
        return originals.computeIfAbsent(key, k -> TextMarks.original(revision.paragraphs()));
    }

    /** Prepared originals of the revisions traced lately, most recently used last: bundles draw on the same ones. */
    private final Map<String, TextMarks.Original> originals = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TextMarks.Original> eldest) {
            return size() > ORIGINALS_KEPT;
        }
    };
    private static final int ORIGINALS_KEPT = 256;

    /**
     * Adds every revision delivered since the last trace to the finder's index: its stored fingerprints when there are
     * any (every revision published or traced on any node since issue 17), else made from its text and stored, so
     * that no node makes them again.
     */
    private void refresh() {
        Map<String, TraceSources.RevisionId> missing = new LinkedHashMap<>();
        for (TraceSources.RevisionId id : sources.delivered()) {
            String key = Marks.revisionKey(id.materialId(), id.revision());
            if (!indexed.containsKey(key)) {
                missing.put(key, id);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<String, RevisionFingerprints> found = stored.find(missing.keySet());
        Map<String, RevisionFingerprints> made = new LinkedHashMap<>();
        for (Map.Entry<String, TraceSources.RevisionId> entry : missing.entrySet()) {
            String key = entry.getKey();
            RevisionFingerprints prints = found.get(key);
            if (prints == null) {
                Optional<TraceSources.Revision> revision = sources.revision(entry.getValue());
                if (revision.isEmpty()) {
                    continue;
                }
                prints = RevisionFingerprints.of(String.join("\n", revision.get().paragraphs()));
                made.put(key, prints);
            }
            indexed.put(key, new Indexed(entry.getValue(), prints.characters()));
            finder.add(key, prints.prints());
            byTag.computeIfAbsent(code.revisionTag(key), k -> new ArrayList<>()).add(key);
        }
        if (!made.isEmpty()) {
            stored.saveAll(made);
        }
    }

    /** The indexed revision under {@code key}, read once per trace; null when it is not indexed or is gone. */
    private TraceSources.Revision revisionOf(String key) {
        Indexed entry = indexed.get(key);
        if (entry == null) {
            return null;
        }
        return read.computeIfAbsent(key, k -> sources.revision(entry.id())).orElse(null);
    }

    /** Notes in the order found, each text once. */
    private static final class Notes {
        private final Map<String, TraceResult.Note> notes = new LinkedHashMap<>();

        void add(String code, String detail) {
            notes.putIfAbsent(code + detail, new TraceResult.Note(code, detail));
        }

        List<TraceResult.Note> list() {
            return List.copyOf(notes.values());
        }
    }
}
