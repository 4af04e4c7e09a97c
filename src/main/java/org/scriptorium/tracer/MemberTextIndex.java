package org.scriptorium.tracer;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.scriptorium.common.text.Normalised;
import org.scriptorium.common.text.Winnowing;

/**
 * Says whether a short text (a chat message, an image's caption) holds member-only material text, fast enough to ask
 * of every message. Plain Java; thread-safe (inspections run in parallel, changes one at a time).
 *
 * <p>Texts on both sides are prepared alike: Traditional characters, if any, brought to Simplified (OpenCC), then
 * {@link Normalised} (width folded, whitespace, punctuation and invisible characters dropped) and symbols such as
 * emoji dropped too, so spaces, zero-width characters, full-width letters or a few Traditional characters put between
 * the characters change nothing. Each material's text is stored as its {@link Winnowing} fingerprints (8-character
 * k-grams, about 2 in 9 kept), keyed by 32 bits of the hash; a message is looked up by every one of its k-grams, so
 * every stored fingerprint inside a copied run is found. A personalised copy differs from the original at variation
 * sites (about one changed word every 70 characters) and fill-ins; the k-grams between them still match.
 *
 * <p>Evidence for a material is the longest run of the text made of its stored k-grams, in prepared characters: its
 * k-grams no more than {@value #GAP} characters apart (winnowing keeps one in every 8, and a changed word spoils a few)
 * continue one run. K-grams also found in a FREE material (free text may be quoted) or in more than {@value #STOCK}
 * materials (stock phrases of official writing) are no one's: they neither count nor break a run. The text is held
 * when one material's run reaches {@value #HOLD_AT} characters (about 70 as typed, punctuation included). Measured
 * (docs/BENCHMARKS.md, "Leak guard", {@code bench-guard}): excerpts of members' copies of real documents run 64–67
 * characters at 80 typed, 100 at 120; chat lines and quotes of official phrases at most 8, FREE text 33, public
 * documents outside the library 25. Requiring one material keeps a message of phrases found in different materials
 * clear.
 *
 * <p>The index is a log-structured set of immutable segments, each a pair of parallel arrays (key, material ordinal)
 * sorted by key, merged with its predecessor while at least a quarter of its size: 8 bytes per posting. Keys found in
 * more than {@value #STOCK} materials collapse into one posting at merges. 32-bit keys collide by chance for about one
 * k-gram in 1,000 at 10,000 materials, each time with a random material: an isolated k-gram, far below a run.
 */
public final class MemberTextIndex {

    /** Least evidence (the longest run of one material's member-only text, in prepared characters) that holds a text. */
    public static final int HOLD_AT = 60;
    /**
     * Characters between two k-grams of a material's text that still continue one run of it: the gap winnowing leaves
     * between fingerprints (at most {@code W}) plus a changed word at a variation site or a fill-in (which spoils the
     * k-grams over it).
     */
    static final int GAP = 24;
    /** A k-gram stored for more materials than this is a stock phrase of official writing, not anyone's text. */
    public static final int STOCK = 32;
    private static final int STOCK_OWNER = -1;
    private static final int[] NEUTRAL = new int[0];

    /**
     * What an inspection found.
     *
     * @param materialId the material with the most evidence; null when none has any
     * @param evidence   its evidence: the longest run of its member-only text in the prepared text, in characters
     * @param grams      the text's k-grams after preparation
     */
    public record Inspection(String materialId, int evidence, int grams) {

        /** Whether the text holds member-only text, by the rule above. */
        public boolean held() {
            return evidence >= HOLD_AT;
        }
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> ordinalOf = new HashMap<>();
    private String[] materialIds = new String[16];
    private boolean[] free = new boolean[16];
    private boolean[] alive = new boolean[16];
    private int ordinals;
    private final List<Segment> segments = new ArrayList<>();

    /** Sorted by key, then owner; no pair twice. */
    private record Segment(int[] keys, int[] owners) {

        int size() {
            return keys.length;
        }
    }

    /** An empty index. */
    public MemberTextIndex() {
    }

    /**
     * Adds a text of a material (one of its revisions): its fingerprints join those of its other revisions.
     *
     * @param free whether the material is FREE: its text makes the same text in member materials quotable
     * @throws NullPointerException if an argument is null
     */
    public void add(String materialId, boolean free, String text) {
        int[] keys = keys(Winnowing.fingerprints(prepare(text)));
        lock.writeLock().lock();
        try {
            int ordinal = ordinal(materialId);
            this.free[ordinal] = free;
            alive[ordinal] = true;
            if (keys.length == 0) {
                return;
            }
            int[] owners = new int[keys.length];
            Arrays.fill(owners, ordinal);
            segments.add(new Segment(keys, owners));
            while (segments.size() > 1 && 4 * last(0).size() >= last(1).size()) {
                Segment merged = merge(last(1), last(0));
                segments.removeLast();
                segments.set(segments.size() - 1, merged);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Records a change of tier: a FREE material's text may be quoted. Does nothing for a material never added. */
    public void setFree(String materialId, boolean free) {
        lock.writeLock().lock();
        try {
            Integer ordinal = ordinalOf.get(materialId);
            if (ordinal != null) {
                this.free[ordinal] = free;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets a material's texts (its postings go at the next merges). */
    public void remove(String materialId) {
        lock.writeLock().lock();
        try {
            Integer ordinal = ordinalOf.get(materialId);
            if (ordinal != null) {
                alive[ordinal] = false;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Whether the material has been added and not removed. */
    public boolean contains(String materialId) {
        lock.readLock().lock();
        try {
            Integer ordinal = ordinalOf.get(materialId);
            return ordinal != null && alive[ordinal];
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Inspects a text: the material it holds the most member-only text of, and how much.
     *
     * @throws NullPointerException if {@code text} is null
     */
    public Inspection inspect(String text) {
        long[] grams = Winnowing.grams(prepare(text));
        if (grams.length == 0) {
            return new Inspection(null, 0, 0);
        }
        int[] keys = new int[grams.length];
        for (int i = 0; i < grams.length; i++) {
            keys[i] = (int) (grams[i] >>> 32);
        }
        Map<Integer, int[]> ownersOf = new HashMap<>();
        // per material: where its current run starts, where its last k-gram was, its longest run
        Map<Integer, int[]> runs = new HashMap<>();
        int[] scratch = new int[STOCK + 1];
        // k-grams of stock phrases and free text before each position: they neither make a run nor break one
        int[] neutralBefore = new int[keys.length + 1];
        lock.readLock().lock();
        try {
            for (int i = 0; i < keys.length; i++) {
                int[] owners = ownersOf.computeIfAbsent(keys[i], k -> {
                    int n = owners(k, scratch);
                    return n < 0 ? NEUTRAL : Arrays.copyOf(scratch, n);
                });
                neutralBefore[i + 1] = neutralBefore[i] + (owners == NEUTRAL ? 1 : 0);
                for (int owner : owners) {
                    int at = i;
                    int[] run = runs.computeIfAbsent(owner, o -> new int[] {at, at, 0});
                    if (i - run[1] - (neutralBefore[i] - neutralBefore[run[1]]) > GAP) {
                        run[0] = i;
                    }
                    run[1] = i;
                    // stock and free k-grams inside the run bridge it but are no one's text: not counted
                    int length = i - run[0] + Winnowing.K - (neutralBefore[i] - neutralBefore[run[0]]);
                    run[2] = Math.max(run[2], length);
                }
            }
            int best = -1;
            int longest = 0;
            for (Map.Entry<Integer, int[]> e : runs.entrySet()) {
                int length = e.getValue()[2];
                if (length > longest || (length == longest && e.getKey() > best)) {
                    best = e.getKey();
                    longest = length;
                }
            }
            return new Inspection(best < 0 ? null : materialIds[best], longest, grams.length);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The live member materials whose fingerprints hold {@code key}, into {@code out}, and how many; -1 when it is a
     * stock phrase or in a FREE material.
     */
    private int owners(int key, int[] out) {
        int n = 0;
        for (Segment segment : segments) {
            int at = Arrays.binarySearch(segment.keys(), key);
            if (at < 0) {
                continue;
            }
            while (at > 0 && segment.keys()[at - 1] == key) {
                at--;
            }
            for (; at < segment.size() && segment.keys()[at] == key; at++) {
                int owner = segment.owners()[at];
                if (owner == STOCK_OWNER) {
                    return -1;
                }
                if (!alive[owner]) {
                    continue;
                }
                if (free[owner]) {
                    return -1;
                }
                if (!containsOwner(out, n, owner)) {
                    if (n == STOCK) {
                        return -1;
                    }
                    out[n++] = owner;
                }
            }
        }
        return n;
    }

    private static boolean containsOwner(int[] owners, int n, int owner) {
        for (int i = 0; i < n; i++) {
            if (owners[i] == owner) {
                return true;
            }
        }
        return false;
    }

    /**
     * A text as both sides are compared: in Simplified characters when it holds any Traditional-only one (a poster
     * may convert a few characters only), {@link Normalised}, and without symbols (emoji, ★, ※), which official text
     * barely uses and a poster may scatter between characters.
     */
    static String prepare(String text) {
        String simplified = hasTraditional(text) ? ZhConverterUtil.toSimple(text) : text;
        String normalised = Normalised.of(simplified).text();
        StringBuilder out = null;
        for (int i = 0; i < normalised.length(); i++) {
            char c = normalised.charAt(i);
            boolean symbol = isSymbol(c);
            if (symbol && out == null) {
                out = new StringBuilder(normalised.length()).append(normalised, 0, i);
            } else if (!symbol && out != null) {
                out.append(c);
            }
        }
        return out == null ? normalised : out.toString();
    }

    private static boolean isSymbol(char c) {
        if (Character.isSurrogate(c)) {
            return true; // outside the BMP: emoji and rare characters official text does not use
        }
        int type = Character.getType(c);
        return type == Character.OTHER_SYMBOL || type == Character.MODIFIER_SYMBOL;
    }

    private static boolean hasTraditional(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x3400 && c <= 0x9FFF && ZhConverterUtil.isTraditional(c) && !ZhConverterUtil.isSimple(c)) {
                return true;
            }
        }
        return false;
    }

    /** The top 32 bits of each hash, sorted and distinct. */
    private static int[] keys(long[] hashes) {
        int[] keys = new int[hashes.length];
        for (int i = 0; i < hashes.length; i++) {
            keys[i] = (int) (hashes[i] >>> 32);
        }
        Arrays.sort(keys);
        int unique = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                keys[unique++] = keys[i];
            }
        }
        return Arrays.copyOf(keys, unique);
    }

    private int ordinal(String materialId) {
        Integer known = ordinalOf.get(materialId);
        if (known != null) {
            return known;
        }
        int ordinal = ordinals++;
        if (ordinal == materialIds.length) {
            materialIds = Arrays.copyOf(materialIds, ordinal * 2);
            free = Arrays.copyOf(free, ordinal * 2);
            alive = Arrays.copyOf(alive, ordinal * 2);
        }
        materialIds[ordinal] = materialId;
        ordinalOf.put(materialId, ordinal);
        return ordinal;
    }

    private Segment last(int fromEnd) {
        return segments.get(segments.size() - 1 - fromEnd);
    }

    /**
     * The union of two segments, sorted by key then owner: a pair once, removed materials dropped, and a key held by
     * more than {@value #STOCK} materials kept as one stock posting.
     */
    private Segment merge(Segment a, Segment b) {
        int[] keys = new int[a.size() + b.size()];
        int[] owners = new int[keys.length];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int key = j >= b.size() || (i < a.size() && a.keys()[i] <= b.keys()[j]) ? a.keys()[i] : b.keys()[j];
            int runStart = n;
            boolean stock = false;
            // both runs of this key, merged by owner
            while ((i < a.size() && a.keys()[i] == key) || (j < b.size() && b.keys()[j] == key)) {
                boolean fromA = j >= b.size() || b.keys()[j] != key
                        || (i < a.size() && a.keys()[i] == key && a.owners()[i] <= b.owners()[j]);
                int owner = fromA ? a.owners()[i++] : b.owners()[j++];
                if (owner == STOCK_OWNER) {
                    stock = true;
                } else if (alive[owner] && (n == runStart || owners[n - 1] != owner)) {
                    keys[n] = key;
                    owners[n++] = owner;
                }
            }
            if (stock || n - runStart > STOCK) {
                n = runStart;
                keys[n] = key;
                owners[n++] = STOCK_OWNER;
            }
        }
        return new Segment(Arrays.copyOf(keys, n), Arrays.copyOf(owners, n));
    }
}
