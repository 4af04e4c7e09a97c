package org.scriptorium.tracing;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** What a file-level token says, once its MAC is verified. */
    public record TokenOwner(long memberNumber, long revisionTag) {
    }

    /** The reader's personalised copy of the given paragraphs of one revision, as of now. */
    public MarkedCopy mark(String materialId, int revision, List<String> paragraphs, long memberNumber) {
        String revisionKey = revisionKey(materialId, revision);
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

    /** The sites of a revision as they were at {@code asOf}: vetoes made later do not count. */
    public List<VariationSite> sites(String materialId, int revision, List<String> paragraphs, Instant asOf) {
        SitesKey key = new SitesKey(revisionKey(materialId, revision), vetoes(materialId, asOf), List.copyOf(paragraphs));
        synchronized (chosenSites) {
            List<VariationSite> cached = chosenSites.get(key);
            if (cached != null) {
                return cached;
            }
        }
        // Choosing is deterministic, so two threads choosing at once get equal lists; no need to hold the lock.
        List<VariationSite> sites = VariationSites.choose(paragraphs, prf, key.revisionKey(), key.vetoes(), MAX_SITES);
        synchronized (chosenSites) {
            chosenSites.put(key, sites);
        }
        return sites;
    }

    /**
     * What the sites of a copy depend on. The paragraphs are part of it because a passage copy marks a single
     * paragraph of the revision.
     */
    private record SitesKey(String revisionKey, Set<String> vetoes, List<String> paragraphs) {
    }

    /**
     * Sites chosen lately, most recently used last: choosing takes milliseconds for a long material (every candidate
     * is checked for a unique context), far more than the rest of a copy, and members read the same new materials.
     */
    private final Map<SitesKey, List<VariationSite>> chosenSites = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SitesKey, List<VariationSite>> eldest) {
            return size() > SITE_CACHE_ENTRIES;
        }
    };
    private static final int SITE_CACHE_ENTRIES = 256;

    /** Every site candidate of the text, whether used or not, for the editor's review page. */
    public List<VariationSite> candidates(List<String> paragraphs) {
        return VariationSites.candidates(paragraphs);
    }

    /** The vetoes of a material in force at {@code asOf}: rule ids or "p{paragraph}:{offset}" positions. */
    public Set<String> vetoes(String materialId, Instant asOf) {
        return new HashSet<>(jdbc.sql("SELECT veto_key FROM mark_vetoes WHERE material_id = ? AND created_at <= ?")
                .params(materialId, DbTime.of(asOf)).query(String.class).list());
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

    /** The code, for the tracer. */
    TardosCode code() {
        return code;
    }

    Prf prf() {
        return prf;
    }

    /** Reads a file-level token; empty unless its MAC verifies. */
    public Optional<TokenOwner> readToken(String token) {
        byte[] raw;
        try {
            raw = java.util.HexFormat.of().parseHex(token.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != 16) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        long member = b.getInt() & 0xFFFFFFFFL;
        long tag = b.getInt() & 0xFFFFFFFFL;
        long mac = b.getLong();
        return mac == prf.bits("file", Long.toString(member), Long.toString(tag))
                ? Optional.of(new TokenOwner(member, tag)) : Optional.empty();
    }

    static String revisionKey(String materialId, int revision) {
        return materialId + ":" + revision;
    }

    static String memberKey(long memberNumber) {
        return "m" + memberNumber;
    }

    static String positionKey(String revisionKey, VariationSite site) {
        return revisionKey + "#" + site.rule() + "@" + site.paragraph() + ":" + site.offset();
    }

    /** 32 bits naming the revision inside invisible payloads and file tokens. */
    long revisionTag(String revisionKey) {
        return prf.bits("rev", revisionKey) & 0xFFFFFFFFL;
    }

    private String fileToken(long memberNumber, String revisionKey) {
        long tag = revisionTag(revisionKey);
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putInt((int) memberNumber).putInt((int) tag).putLong(prf.bits("file", Long.toString(memberNumber), Long.toString(tag)));
        return java.util.HexFormat.of().formatHex(b.array());
    }
}
