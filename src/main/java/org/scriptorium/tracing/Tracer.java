package org.scriptorium.tracing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.DbTime;
import org.scriptorium.library.Material;
import org.scriptorium.library.Materials;
import org.scriptorium.library.ParsedMaterial;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Names the members a leak came from, with a bound on the chance of accusing an innocent one. It finds the revisions
 * the leak draws on, reads every layer of marks, sums the fingerprinting code's scores over the whole bundle for each
 * member who received those revisions (from the ledger), and accuses only below the threshold.
 */
@Service
public class Tracer {

    /** The overall chance of wrongly accusing anyone that the operator accepts. */
    public static final double DEFAULT_THRESHOLD = 1e-6;
    /** A forged or random invisible payload verifies with at most this chance (32-bit MAC). */
    private static final double FRAGILE_FORGERY = Math.pow(2, -32);

    private final Marks marks;
    private final Materials materials;
    private final Accounts accounts;
    private final JdbcClient jdbc;
    private final SourceFinder sources = new SourceFinder();
    private final Map<String, RevisionText> indexed = new HashMap<>();

    Tracer(Marks marks, Materials materials, Accounts accounts, JdbcClient jdbc) {
        this.marks = marks;
        this.materials = materials;
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    /** One leaked document: its text and any file-level tokens found in it. */
    public record Leak(String name, String text, List<String> fileTokens) {
    }

    private record RevisionText(String materialId, int revision, String title, List<String> paragraphs) {
    }

    private record Recipient(String userId, long memberNumber, Instant firstAt) {
    }

    /** Accumulated evidence against one member. */
    private static final class Evidence {
        double score;
        final List<Double> q = new ArrayList<>();
        int fragile;
        int files;
    }

    /** Traces a leaked bundle (one or more documents) with the default threshold. */
    public TraceResult trace(List<Leak> leaks) {
        return trace(leaks, DEFAULT_THRESHOLD);
    }

    public synchronized TraceResult trace(List<Leak> leaks, double threshold) {
        indexDeliveredRevisions();
        Map<String, Evidence> evidence = new LinkedHashMap<>();
        Map<String, TraceResult.SourceMaterial> found = new LinkedHashMap<>();
        Set<String> candidates = new HashSet<>();
        for (Leak leak : leaks) {
            for (SourceFinder.SourceMatch match : sources.find(leak.text())) {
                RevisionText revision = indexed.get(match.revisionKey());
                if (revision == null) {
                    continue;
                }
                found.merge(match.revisionKey(), new TraceResult.SourceMaterial(revision.materialId(), revision.revision(),
                        revision.title(), match.leakCoverage()), (a, b) -> a.coverage() >= b.coverage() ? a : b);
                readRobust(revision, leak.text(), evidence, candidates);
            }
            for (FragileMark.Payload payload : FragileMark.read(leak.text(), marks.prf())) {
                accounts.findByMemberNumber(payload.memberNumber()).ifPresent(a -> {
                    evidence.computeIfAbsent(a.id(), id -> new Evidence()).fragile++;
                    candidates.add(a.id());
                });
            }
            for (String token : leak.fileTokens()) {
                marks.readToken(token).flatMap(owner -> accounts.findByMemberNumber(owner.memberNumber())).ifPresent(a -> {
                    evidence.computeIfAbsent(a.id(), id -> new Evidence()).files++;
                    candidates.add(a.id());
                });
            }
        }
        List<TraceResult.SourceMaterial> materialsFound = new ArrayList<>(found.values());
        if (materialsFound.isEmpty() && evidence.values().stream().allMatch(e -> e.fragile == 0 && e.files == 0)) {
            return new TraceResult(TraceResult.Verdict.INCONCLUSIVE, "文本与资料库中任何已交付的资料都不匹配。",
                    materialsFound, List.of(), threshold);
        }
        int population = Math.max(1, candidates.size());
        List<TraceResult.Suspect> suspects = new ArrayList<>();
        for (Map.Entry<String, Evidence> entry : evidence.entrySet()) {
            Evidence e = entry.getValue();
            double robustBound = AccusationBound.falseAccusation(e.score, e.q.stream().mapToDouble(Double::doubleValue).toArray());
            double best = robustBound;
            if (e.fragile > 0 || e.files > 0) {
                best = Math.min(best, FRAGILE_FORGERY);
            }
            double overall = Math.min(1.0, best * population);
            if (overall <= threshold) {
                Account account = accounts.get(entry.getKey());
                suspects.add(new TraceResult.Suspect(account.id(), account.memberNumber(), account.email(), e.score, overall,
                        new TraceResult.Layers(new TraceResult.Robust(e.score, e.q.size(), Math.min(1.0, robustBound * population)),
                                e.fragile, e.files)));
            }
        }
        suspects.sort(Comparator.comparingDouble(TraceResult.Suspect::falseAccusationBound));
        if (suspects.isEmpty()) {
            int positions = evidence.values().stream().mapToInt(e -> e.q.size()).max().orElse(0);
            return new TraceResult(TraceResult.Verdict.INCONCLUSIVE,
                    "证据不足：读到 " + positions + " 个标记位置，任何会员的误判概率都高于阈值，不指认任何人。",
                    materialsFound, List.of(), threshold);
        }
        return new TraceResult(TraceResult.Verdict.ACCUSE, null, materialsFound, suspects, threshold);
    }

    /** Reads the fingerprint in one leaked text against one revision and scores every recipient of that revision. */
    private void readRobust(RevisionText revision, String leakText, Map<String, Evidence> evidence, Set<String> candidates) {
        List<Recipient> recipients = recipients(revision.materialId(), revision.revision());
        // Recipients whose copies used the same sites (vetoes made before their first delivery) are read together.
        Map<Set<String>, List<Recipient>> bySiteSet = new LinkedHashMap<>();
        for (Recipient r : recipients) {
            bySiteSet.computeIfAbsent(marks.vetoes(revision.materialId(), r.firstAt()), k -> new ArrayList<>()).add(r);
        }
        String revisionKey = Marks.revisionKey(revision.materialId(), revision.revision());
        TardosCode code = marks.code();
        for (List<Recipient> group : bySiteSet.values()) {
            List<VariationSite> sites = marks.sites(revision.materialId(), revision.revision(), revision.paragraphs(),
                    group.getFirst().firstAt());
            List<TextMarks.SiteRead> reads = TextMarks.read(revision.paragraphs(), sites, leakText);
            for (Recipient r : group) {
                candidates.add(r.userId());
                Evidence e = evidence.computeIfAbsent(r.userId(), id -> new Evidence());
                String member = Marks.memberKey(r.memberNumber());
                for (TextMarks.SiteRead read : reads) {
                    String position = Marks.positionKey(revisionKey, sites.get(read.site()));
                    double bias = code.bias(position);
                    e.score += TardosCode.score(read.observed(), code.symbol(member, position), bias);
                    e.q.add(read.observed() ? bias : 1 - bias);
                }
            }
        }
    }

    private List<Recipient> recipients(String materialId, int revision) {
        return jdbc.sql("""
                SELECT d.user_id, u.member_number, MIN(d.delivered_at) AS first_at
                FROM deliveries d JOIN users u ON u.id = d.user_id
                WHERE d.material_id = ? AND d.revision = ?
                GROUP BY d.user_id, u.member_number""")
                .params(materialId, revision)
                .query((rs, n) -> new Recipient(rs.getString("user_id"), rs.getLong("member_number"),
                        DbTime.toInstant(rs.getObject("first_at", OffsetDateTime.class))))
                .list();
    }

    /** Adds every revision that anyone has received to the near-copy index (once each). */
    private void indexDeliveredRevisions() {
        List<Map.Entry<String, Integer>> delivered = jdbc.sql("SELECT DISTINCT material_id, revision FROM deliveries")
                .query((rs, n) -> Map.entry(rs.getString("material_id"), rs.getInt("revision"))).list();
        for (Map.Entry<String, Integer> r : delivered) {
            String key = Marks.revisionKey(r.getKey(), r.getValue());
            if (indexed.containsKey(key)) {
                continue;
            }
            Optional<Material> material = materials.find(r.getKey());
            if (material.isEmpty()) {
                continue;
            }
            ParsedMaterial parsed = materials.parse(materials.revision(r.getKey(), r.getValue()));
            List<String> paragraphs = parsed.paragraphs();
            indexed.put(key, new RevisionText(r.getKey(), r.getValue(), material.get().title(), paragraphs));
            sources.add(key, String.join("\n", paragraphs));
        }
    }
}
