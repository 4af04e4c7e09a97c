package org.scriptorium.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scriptorium.corpus.SpeechCorpus;
import org.scriptorium.delivery.DeliveredDocument;
import org.scriptorium.delivery.DeliveredParagraph;
import org.scriptorium.delivery.DocxWriter;
import org.scriptorium.delivery.FileTrace;
import org.scriptorium.delivery.PdfWriter;
import org.scriptorium.library.StructureParser;
import org.scriptorium.tracer.Codebook;
import org.scriptorium.tracer.LeakTracer;
import org.scriptorium.tracer.TraceSources;
import org.scriptorium.tracing.FileToken;
import org.scriptorium.tracing.FragileMark;
import org.scriptorium.tracing.Marks;
import org.scriptorium.tracing.Prf;
import org.scriptorium.tracing.TardosCode;
import org.scriptorium.tracing.TextMarks;
import org.scriptorium.tracing.VariationSite;
import org.scriptorium.tracing.VariationSites;

/**
 * A library in memory for tracing experiments: generated materials with the product's variation sites, members who
 * received them, and their personalised copies made with the product's layers (robust sites, invisible payloads, file
 * tokens). The product's own {@link LeakTracer} traces against it.
 *
 * <p>Members' symbols come from a fast keyed hash instead of HMAC-SHA256: each is still a Bernoulli draw with the
 * position's bias, independent between members and positions, which is all the code and its bound assume; it makes
 * scoring 10,000 members for thousands of leaks take seconds, not hours. Biases, payloads and tokens use the real
 * {@link Prf}. Thread-safe once built.
 */
public final class TraceSimulation implements TraceSources, Codebook {

    private final Prf prf;
    private final TardosCode code;
    private final long symbolKey;
    private final int members;
    private final List<Revision> revisions = new ArrayList<>();
    private final List<List<VariationSite>> sites = new ArrayList<>();
    private final List<IntPredicate> receivedBy = new ArrayList<>();
    private final Map<String, Integer> byKey = new HashMap<>();
    private final Map<String, PositionInfo> positions = new ConcurrentHashMap<>();

    private record PositionInfo(double bias, long id) {
    }
    private final Member[] accounts;

    /**
     * @param members   members numbered 0 … members − 1, each receiving every material unless told otherwise
     * @param materials generated materials (seeded), each of at least 2,000 characters
     * @param seed      decides the key, the materials and the symbols
     */
    public TraceSimulation(int members, int materials, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.prf = new Prf(key);
        this.code = new TardosCode(prf, TardosCode.DEFAULT_CUTOFF);
        this.symbolKey = random.nextLong();
        this.members = members;
        this.accounts = new Member[members];
        for (int m = 0; m < members; m++) {
            accounts[m] = new Member("u" + m, m, "m" + m + "@sim.example");
        }
        SpeechCorpus corpus = new SpeechCorpus(seed);
        StructureParser parser = new StructureParser();
        for (long i = 0; revisions.size() < materials; i++) {
            List<String> paragraphs = parser.parse(corpus.document(i).text()).paragraphs();
            if (String.join("", paragraphs).length() >= 2_000) {
                addMaterial("生成资料 " + revisions.size(), paragraphs, false, m -> true);
            }
        }
    }

    /**
     * Adds a material (for instance the same text again, as a re-import or a free teaser), received by the members the
     * predicate accepts.
     *
     * @return the new material's index
     */
    public synchronized int addMaterial(String title, List<String> paragraphs, boolean free, IntPredicate recipients) {
        int index = revisions.size();
        Revision revision = new Revision("doc" + index, 1, title, free, paragraphs);
        revisions.add(revision);
        sites.add(VariationSites.choose(revision.paragraphs(), prf, revision.key(), Set.of(), Marks.MAX_SITES));
        receivedBy.add(recipients);
        byKey.put(revision.key(), index);
        return index;
    }

    /** A tracer over this library, as the product runs it. */
    public LeakTracer tracer() {
        return new LeakTracer(this, this);
    }

    public int members() {
        return members;
    }

    public int materials() {
        return revisions.size();
    }

    /** The unmarked paragraphs of a material. */
    public List<String> paragraphs(int material) {
        return revisions.get(material).paragraphs();
    }

    /** The sites a material's copies carry. */
    public List<VariationSite> sitesOf(int material) {
        return sites.get(material);
    }

    /** The key of a material's position at a site. */
    public String position(int material, VariationSite site) {
        return Marks.positionKey(revisions.get(material).key(), site);
    }

    /** The member's symbols at every site of a material. */
    public boolean[] symbols(int member, int material) {
        List<VariationSite> s = sites.get(material);
        boolean[] out = new boolean[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = symbol(member, position(material, s.get(i)));
        }
        return out;
    }

    /** The member's robust-marked paragraphs only (no payloads), as a sanitised copy reads. */
    public List<String> robustCopy(int member, int material) {
        return TextMarks.apply(paragraphs(material), sites.get(material), symbols(member, material));
    }

    /** The paragraphs marked with the given symbols (a merge of several members' copies, or a forced form). */
    public List<String> copyWith(int material, boolean[] symbols) {
        return TextMarks.apply(paragraphs(material), sites.get(material), symbols);
    }

    /** The member's whole copy as the product delivers it: robust forms, invisible payloads, the notice line. */
    public List<String> copy(int member, int material) {
        List<String> marked = FragileMark.embedAll(robustCopy(member, material), prf, member,
                revisionTag(revisions.get(material).key()));
        List<String> out = new ArrayList<>(marked);
        out.add("本文为会员 " + member + " 的个人副本，含可追溯标记，外传必究 · 笔杆子文库");
        return out;
    }

    /** The file token of the member's DOCX or PDF of a material. */
    public String fileToken(int member, int material) {
        return FileToken.make(prf, member, revisionTag(revisions.get(material).key()));
    }

    /** The member's DOCX of a material, with its file token. */
    public byte[] docx(int member, int material) {
        return new DocxWriter().write(document(material, copy(member, material)), new FileTrace(fileToken(member, material)));
    }

    /** The member's PDF of a material, with its file token; never empty now that the fonts are bundled. */
    public Optional<byte[]> pdf(int member, int material) {
        return PDF.map(w -> w.write(document(material, copy(member, material)), new FileTrace(fileToken(member, material))));
    }

    private static final Optional<PdfWriter> PDF = Optional.of(new PdfWriter());

    private DeliveredDocument document(int material, List<String> copy) {
        List<DeliveredParagraph> body = copy.subList(0, copy.size() - 1).stream()
                .map(t -> new DeliveredParagraph(DeliveredParagraph.Style.BODY, t)).toList();
        return new DeliveredDocument(revisions.get(material).title(), body, copy.getLast());
    }

    /** The member's account. */
    public Member account(int member) {
        return accounts[member];
    }

    // TraceSources

    @Override
    public List<RevisionId> delivered() {
        synchronized (this) {
            return revisions.stream().map(r -> new RevisionId(r.materialId(), r.revision())).toList();
        }
    }

    @Override
    public synchronized Optional<Revision> revision(RevisionId id) {
        Integer index = byKey.get(Marks.revisionKey(id.materialId(), id.revision()));
        return index == null ? Optional.empty() : Optional.of(revisions.get(index));
    }

    @Override
    public List<Recipient> recipients(Revision revision) {
        IntPredicate received;
        synchronized (this) {
            received = receivedBy.get(byKey.get(revision.key()));
        }
        List<Recipient> out = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            if (received.test(m)) {
                out.add(new Recipient(accounts[m], "v0"));
            }
        }
        return out;
    }

    @Override
    public synchronized List<VariationSite> sites(Revision revision, String sitesKey) {
        return sites.get(byKey.get(revision.key()));
    }

    @Override
    public Optional<Member> member(long memberNumber) {
        return memberNumber >= 0 && memberNumber < members ? Optional.of(accounts[(int) memberNumber]) : Optional.empty();
    }

    // Codebook

    @Override
    public double bias(String positionKey) {
        return position(positionKey).bias();
    }

    /** A Bernoulli draw with the position's bias from a 64-bit keyed mix of the member and the position. */
    @Override
    public boolean symbol(long memberNumber, String positionKey) {
        return symbol(memberNumber, position(positionKey));
    }

    private boolean symbol(long memberNumber, PositionInfo p) {
        long z = symbolKey ^ (memberNumber * 0x9E3779B97F4A7C15L) ^ p.id();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53 < p.bias();
    }

    @Override
    public Positions positions(String[] positionKeys) {
        PositionInfo[] info = new PositionInfo[positionKeys.length];
        for (int i = 0; i < info.length; i++) {
            info[i] = position(positionKeys[i]);
        }
        return (member, out) -> {
            for (int i = 0; i < info.length; i++) {
                out[i] = symbol(member, info[i]);
            }
        };
    }

    /** The position's bias and a 64-bit identity, derived once. */
    private PositionInfo position(String key) {
        return positions.computeIfAbsent(key, k -> new PositionInfo(code.bias(k), prf.bits("pos", k)));
    }

    @Override
    public List<FragileMark.Payload> payloads(String text) {
        return FragileMark.read(text, prf);
    }

    @Override
    public Optional<FileToken.Owner> token(String token) {
        return FileToken.read(prf, token);
    }

    @Override
    public long revisionTag(String revisionKey) {
        return FileToken.revisionTag(prf, revisionKey);
    }

    // What forgers and resellers do to copies, for the attacks that tests and benchmarks make

    private static final Pattern PAYLOAD = Pattern.compile("[\u200B\u200C\u200D\u2060]{" + FragileMark.LENGTH + "}");

    /** The first whole invisible payload in a copy's text; empty if it has none. */
    public static Optional<String> payloadIn(String copy) {
        Matcher m = PAYLOAD.matcher(copy);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** The text with {@code payload} inserted after every {@code every} characters, as a forger spreads it. */
    public static String sprinkle(String text, String payload, int every) {
        StringBuilder out = new StringBuilder(text.length() + payload.length() * (text.length() / every + 1));
        for (int i = 0; i < text.length(); i += every) {
            out.append(text, i, Math.min(text.length(), i + every)).append(payload);
        }
        return out.toString();
    }

    /** The material written with one form for every site of a rule, the form chosen per rule at random. */
    public String canonical(int material, SplittableRandom random) {
        List<VariationSite> s = sites.get(material);
        Map<String, String> chosen = new HashMap<>();
        boolean[] symbols = new boolean[s.size()];
        for (int i = 0; i < symbols.length; i++) {
            VariationSite site = s.get(i);
            String form = chosen.computeIfAbsent(site.rule(), r -> random.nextBoolean() ? site.form0() : site.form1());
            symbols[i] = form.equals(site.form1());
        }
        return String.join("\n", copyWith(material, symbols));
    }

    /**
     * Texts that are not in any simulated library: the real government documents of {@code ../shared/corpus/real}
     * when that folder is there (public domain, read in place), and generated text of another seed.
     */
    public static List<String> unrelatedTexts(long seed) {
        List<String> texts = new ArrayList<>();
        Path real = Path.of("../shared/corpus/real");
        if (Files.isDirectory(real)) {
            try (Stream<Path> files = Files.list(real)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                    texts.add(Files.readString(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        SpeechCorpus other = new SpeechCorpus(seed);
        for (int i = 0; i < 20; i++) {
            texts.add(other.document(i).text());
        }
        return texts;
    }
}
