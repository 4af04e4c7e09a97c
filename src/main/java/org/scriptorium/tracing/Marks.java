package org.scriptorium.tracing;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scriptorium.common.DbTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Makes each reader's copy of a revision: the robust layer (a Tardos-coded choice at every variation site), the fragile
 * layer (an invisible payload repeated through the text) and a token for file-level traces. The same reader and
 * revision always get the same copy. Editors may veto sites; a veto applies to copies made after it.
 */
@Service
public class Marks {

    /** Sites used at most per revision: plenty for the code lengths a bundle needs, few enough to stay unobtrusive. */
    public static final int MAX_SITES = 400;

    private final Prf prf;
    private final TardosCode code;
    private final JdbcClient jdbc;
    private final Clock clock;

    Marks(MarkKey key, JdbcClient jdbc, Clock clock) {
        this.prf = key.prf();
        this.code = new TardosCode(prf, TardosCode.DEFAULT_CUTOFF);
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A reader's copy of a revision's paragraphs, and the token that file formats carry. */
    public record MarkedCopy(List<String> paragraphs, String fileToken, int sites) {
    }

    /** The reader's personalised copy of the given paragraphs of one revision, as of now. */
    public MarkedCopy mark(String materialId, int revision, List<String> paragraphs, long memberNumber) {
        String revisionKey = revisionKey(materialId, revision);
        recordCurrentRules();
        List<VariationSite> sites = sites(materialId, revision, paragraphs, clock.instant());
        boolean[] symbols = new boolean[sites.size()];
        String member = memberKey(memberNumber);
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = code.symbol(member, positionKey(revisionKey, sites.get(i)));
        }
        List<String> robust = TextMarks.apply(paragraphs, sites, symbols);
        List<String> fragile = FragileMark.embedAll(robust, prf, memberNumber, revisionTag(revisionKey));
        return new MarkedCopy(fragile, fileToken(memberNumber, revisionKey), sites.size());
    }

    /** The sites of a revision's new copies as they were at {@code asOf}: vetoes made later do not count. */
    public List<VariationSite> sites(String materialId, int revision, List<String> paragraphs, Instant asOf) {
        return sites(materialId, revision, paragraphs, vetoes(materialId, asOf));
    }

    /** The sites of a revision's new copies under the given vetoes (rule ids or "p{paragraph}:{offset}" positions). */
    public List<VariationSite> sites(String materialId, int revision, List<String> paragraphs, Set<String> vetoes) {
        return sites(materialId, revision, paragraphs, vetoes, VariationRules.CURRENT);
    }

    /**
     * The sites of copies made under rule set {@code rules} and the given vetoes: how copies delivered under an
     * earlier set are read again.
     *
     * @throws IllegalArgumentException if there is no such rule set
     */
    public List<VariationSite> sites(String materialId, int revision, List<String> paragraphs, Set<String> vetoes,
                                     int rules) {
        VariationRules ruleSet = VariationRules.version(rules);
        CacheKey key = new CacheKey(revisionKey(materialId, revision), Set.copyOf(vetoes), List.copyOf(paragraphs),
                rules);
        return chosenSites.get(key,
                () -> VariationSites.choose(paragraphs, prf, key.revisionKey(), key.vetoes(), MAX_SITES, ruleSet));
    }

    /**
     * What the sites of a copy depend on. The paragraphs are part of it because a passage copy marks a single
     * paragraph of the revision.
     */
    private record CacheKey(String revisionKey, Set<String> vetoes, List<String> paragraphs, int rules) {
    }

    /** Sites chosen lately; concurrent first readers of a revision wait for one choice. */
    private final ChosenSites<CacheKey> chosenSites = new ChosenSites<>(SITE_CACHE_ENTRIES);
    private static final int SITE_CACHE_ENTRIES = 256;

    /** Set once this process has recorded that the current rule set is in force. */
    private volatile boolean currentRulesRecorded;

    /**
     * Records, before the first copy made under it, since when the current rule set is in force; every node and
     * restart after the first finds it there.
     */
    private void recordCurrentRules() {
        if (currentRulesRecorded) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO mark_rule_sets (version, in_force_from) VALUES (?, ?)")
                    .params(VariationRules.CURRENT, DbTime.of(clock.instant())).update();
        } catch (DuplicateKeyException alreadyRecorded) {
            // recorded by an earlier run or another node
        }
        currentRulesRecorded = true;
    }

    /**
     * The rule set copies were made under at {@code at}: the newest recorded as in force by then (set 1 before any
     * other was recorded).
     */
    public int rulesAt(Instant at) {
        return rulesAt(ruleSetsInForce(), at);
    }

    /** When each rule set came into force, oldest first: read once, then {@link #rulesAt(List, Instant)} per copy. */
    public List<RuleSetInForce> ruleSetsInForce() {
        return jdbc.sql("SELECT version, in_force_from FROM mark_rule_sets ORDER BY in_force_from, version")
                .query((rs, n) -> new RuleSetInForce(rs.getInt("version"),
                        DbTime.toInstant(rs.getObject("in_force_from", OffsetDateTime.class))))
                .list();
    }

    /** The newest of {@code sets} in force at {@code at}; set 1 if none is. */
    public static int rulesAt(List<RuleSetInForce> sets, Instant at) {
        int version = 1;
        for (RuleSetInForce set : sets) {
            if (!set.from().isAfter(at) && set.version() > version) {
                version = set.version();
            }
        }
        return version;
    }

    /** A rule set and when its first copy was made. */
    public record RuleSetInForce(int version, Instant from) {
    }

    /** Every site candidate of the text, whether used or not, for the editor's review page. */
    public List<VariationSite> candidates(List<String> paragraphs) {
        return VariationSites.candidates(paragraphs);
    }

    /** The vetoes of a material in force at {@code asOf}: rule ids or "p{paragraph}:{offset}" positions. */
    public Set<String> vetoes(String materialId, Instant asOf) {
        return new HashSet<>(jdbc.sql("SELECT veto_key FROM mark_vetoes WHERE material_id = ? AND created_at <= ?")
                .params(materialId, DbTime.of(asOf)).query(String.class).list());
    }

    /** A veto and when it was made. */
    public record Veto(String key, Instant at) {
    }

    /** Every veto of a material, oldest first: copies made at a time carry the sites the vetoes made before it left. */
    public List<Veto> vetoHistory(String materialId) {
        return jdbc.sql("SELECT veto_key, created_at FROM mark_vetoes WHERE material_id = ? ORDER BY created_at, veto_key")
                .param(materialId)
                .query((rs, n) -> new Veto(rs.getString("veto_key"),
                        DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class))))
                .list();
    }

    /** Vetoes a site or a whole rule for this material's future copies; vetoing twice changes nothing. */
    public void veto(String materialId, String vetoKey, String editorId) {
        try {
            jdbc.sql("INSERT INTO mark_vetoes (material_id, veto_key, created_by, created_at) VALUES (?, ?, ?, ?)")
                    .params(materialId, vetoKey, editorId, DbTime.of(clock.instant())).update();
        } catch (DuplicateKeyException alreadyVetoed) {
            // nothing to do
        }
    }

    /** The code's bias at a position: the chance that a member's copy has the site's alternative form there. */
    public double bias(String positionKey) {
        return code.bias(positionKey);
    }

    /** A member's symbol at a position: true when their copies have the site's alternative form there. */
    public boolean symbol(long memberNumber, String positionKey) {
        return code.symbol(memberKey(memberNumber), positionKey);
    }

    /** Every invisible payload in the text whose MAC verifies, in order, duplicates kept. */
    public List<FragileMark.Payload> payloads(String text) {
        return FragileMark.read(text, prf);
    }

    /** Reads a file-level token; empty unless its MAC verifies. */
    public Optional<FileToken.Owner> readToken(String token) {
        return FileToken.read(prf, token);
    }

    /** How a revision is named in position keys, tags and caches. */
    public static String revisionKey(String materialId, int revision) {
        return materialId + ":" + revision;
    }

    static String memberKey(long memberNumber) {
        return "m" + memberNumber;
    }

    /** The key of one position of the code: a site of a revision. */
    public static String positionKey(String revisionKey, VariationSite site) {
        return revisionKey + "#" + site.rule() + "@" + site.paragraph() + ":" + site.offset();
    }

    /** 32 bits naming the revision (by its {@link #revisionKey key}) inside invisible payloads and file tokens. */
    public long revisionTag(String revisionKey) {
        return FileToken.revisionTag(prf, revisionKey);
    }

    private String fileToken(long memberNumber, String revisionKey) {
        return FileToken.make(prf, memberNumber, revisionTag(revisionKey));
    }
}
