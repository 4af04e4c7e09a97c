package org.scriptorium.tracer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.bench.TraceSimulation;
import org.scriptorium.tracing.VariationSite;

/** Issue 17: the tracer's fingerprints stored once and read back by every node's first trace. */
class StoredFingerprintsTest {

    private static TraceSimulation sim;

    @BeforeAll
    static void library() {
        sim = new TraceSimulation(400, 12, 20261217L);
    }

    /** The simulation's library, counting how often a revision's text is read. */
    private record Counting(TraceSimulation sim, AtomicInteger reads) implements TraceSources {

        Counting(TraceSimulation sim) {
            this(sim, new AtomicInteger());
        }

        @Override
        public List<RevisionId> delivered() {
            return sim.delivered();
        }

        @Override
        public Optional<Revision> revision(RevisionId id) {
            reads.incrementAndGet();
            return sim.revision(id);
        }

        @Override
        public List<Recipient> recipients(Revision revision) {
            return sim.recipients(revision);
        }

        @Override
        public List<VariationSite> sites(Revision revision, String sitesKey) {
            return sim.sites(revision, sitesKey);
        }

        @Override
        public Optional<Member> member(long memberNumber) {
            return sim.member(memberNumber);
        }
    }

    /** What the database keeps, in memory, through the same bytes. */
    private static final class MapStore implements FingerprintStore {
        final Map<String, byte[]> bytes = new ConcurrentHashMap<>();
        final Map<String, Integer> characters = new ConcurrentHashMap<>();
        final AtomicInteger saves = new AtomicInteger();

        @Override
        public Map<String, RevisionFingerprints> find(Collection<String> revisionKeys) {
            Map<String, RevisionFingerprints> found = new java.util.HashMap<>();
            revisionKeys.stream().filter(bytes::containsKey).forEach(k ->
                    found.put(k, RevisionFingerprints.fromBytes(characters.get(k), bytes.get(k))));
            return found;
        }

        @Override
        public void saveAll(Map<String, RevisionFingerprints> byRevisionKey) {
            byRevisionKey.forEach((k, v) -> {
                saves.incrementAndGet();
                bytes.putIfAbsent(k, v.bytes());
                characters.putIfAbsent(k, v.characters());
            });
        }
    }

    private static List<Leak> leakOf(int member, int material) {
        return List.of(new Leak("转卖.txt", String.join("\n", sim.copy(member, material)), List.of()));
    }

    @Test
    @DisplayName("the first node makes and stores every delivered revision's fingerprints; a second node reads them, reads only the texts it found, and traces alike")
    void secondNodeReadsStored() {
        MapStore store = new MapStore();
        Counting firstSources = new Counting(sim);
        TraceResult first = new LeakTracer(firstSources, sim, store).trace(leakOf(7, 3));
        assertThat(store.bytes).hasSize(sim.delivered().size());
        assertThat(firstSources.reads().get()).isGreaterThanOrEqualTo(sim.delivered().size());

        Counting secondSources = new Counting(sim);
        TraceResult second = new LeakTracer(secondSources, sim, store).trace(leakOf(7, 3));
        assertThat(second.materials()).isNotEmpty();
        assertThat(second).usingRecursiveComparison().isEqualTo(first);
        assertThat(secondSources.reads().get()).as("texts read: only the revisions found")
                .isEqualTo(second.materials().size());
        assertThat(store.saves.get()).as("nothing made twice").isEqualTo(sim.delivered().size());

        TraceResult unstored = sim.tracer().trace(leakOf(7, 3));
        assertThat(unstored).as("as a tracer that stores nothing").usingRecursiveComparison().isEqualTo(first);
    }

    @Test
    @DisplayName("fingerprints come back from their bytes as they were made; the scheme names the k-gram and window sizes")
    void bytesRoundTrip() {
        RevisionFingerprints made = RevisionFingerprints.of(String.join("\n", sim.paragraphs(0)));
        assertThat(made.prints()).isNotEmpty().isSorted();
        assertThat(RevisionFingerprints.fromBytes(made.characters(), made.bytes())).isEqualTo(made);
        assertThat(made.bytes()).hasSize(8 * made.prints().length);
        assertThat(RevisionFingerprints.SCHEME).startsWith("k8w8-").hasSizeLessThanOrEqualTo(32);
    }
}
