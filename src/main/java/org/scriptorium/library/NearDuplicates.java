package org.scriptorium.library;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the published materials an imported text nearly duplicates, without reading every material's text: each
 * material's current body leaves a sample of its fingerprints ({@link TextResemblance#sample}) in
 * {@code material_fingerprints}; the candidates for a text are the few materials holding many of its sampled
 * fingerprints, and only their texts are read to measure the share of the new text they hold
 * ({@link TextResemblance#containment}). A material's fingerprints are written when it is published or revised (in
 * the same transaction); materials without them (imported before there was an index, or written straight into the
 * database) get them in the background after start-up.
 */
@Component
class NearDuplicates {

    private static final Logger log = LoggerFactory.getLogger(NearDuplicates.class);

    /** The share of a text that must be found in a material for it to be reported: the "90 % the same". */
    static final double SIMILAR = 0.9;
    /** Materials reported at most. */
    static final int MAX_REPORTED = 5;
    /**
     * Share of the text's sampled fingerprints a material must hold to have its text read: well below
     * {@value #SIMILAR}, as a sample of some hundred fingerprints varies by a few percent.
     */
    private static final double CANDIDATE_SHARE = 0.6;
    /** Texts read at most per import. */
    private static final int MAX_CANDIDATES = 10;
    /**
     * Sampled fingerprints asked for at most (the smallest hashes: still an unbiased sample), so one query serves a
     * text of any length (a 200,000-character text samples some 5,000).
     */
    private static final int MAX_ASKED = 1_000;
    private static final int BACKFILL_CHUNK = 200;

    private final MaterialRepository repository;
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transactions;

    NearDuplicates(MaterialRepository repository, JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transactions) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.batch = batch;
        this.transactions = transactions;
    }

    /**
     * The published materials (neither drafts nor withdrawn) other than {@code excludedId} that hold at least
     * {@value #SIMILAR} of {@code body}'s fingerprints, most similar first, at most {@value #MAX_REPORTED}.
     */
    List<SimilarMaterial> similarTo(String body, String excludedId) {
        long[] prints = TextResemblance.fingerprints(body);
        long[] sample = TextResemblance.sample(prints);
        if (sample.length == 0) {
            return List.of();
        }
        long[] asked = sample.length > MAX_ASKED ? Arrays.copyOf(sample, MAX_ASKED) : sample;
        int least = Math.max(1, (int) Math.ceil(CANDIDATE_SHARE * asked.length));
        List<String> candidates = jdbc.sql("""
                        SELECT f.material_id, COUNT(*) AS shared FROM material_fingerprints f
                        JOIN materials m ON m.id = f.material_id
                        WHERE f.hash IN (:hashes) AND m.draft = FALSE AND m.withdrawn_at IS NULL AND m.id <> :excluded
                        GROUP BY f.material_id HAVING COUNT(*) >= :least
                        ORDER BY shared DESC, f.material_id LIMIT :limit""")
                .param("hashes", Arrays.stream(asked).boxed().toList())
                .param("excluded", excludedId == null ? "" : excludedId)
                .param("least", least)
                .param("limit", MAX_CANDIDATES)
                .query((rs, n) -> rs.getString("material_id")).list();
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<String, String> bodies = repository.currentBodies(candidates);
        return repository.findAll(candidates).stream()
                .filter(m -> bodies.containsKey(m.id()))
                .map(m -> new SimilarMaterial(m.id(), m.title(),
                        TextResemblance.containment(prints, TextResemblance.fingerprints(bodies.get(m.id())))))
                .filter(s -> s.similarity() >= SIMILAR)
                .sorted(Comparator.comparingDouble(SimilarMaterial::similarity).reversed())
                .limit(MAX_REPORTED)
                .map(s -> new SimilarMaterial(s.materialId(), s.title(), Math.floor(s.similarity() * 1000) / 1000))
                .toList();
    }

    /** Replaces a material's sampled fingerprints with those of {@code body}, its revision {@code revision}. */
    void record(String materialId, int revision, String body) {
        long[] sample = TextResemblance.sample(TextResemblance.fingerprints(body));
        jdbc.sql("DELETE FROM material_fingerprints WHERE material_id = ?").param(materialId).update();
        jdbc.sql("DELETE FROM material_fingerprinted WHERE material_id = ?").param(materialId).update();
        batch.batchUpdate("INSERT INTO material_fingerprints (hash, material_id) VALUES (?, ?)",
                Arrays.stream(sample).mapToObj(h -> new Object[] {h, materialId}).toList());
        jdbc.sql("INSERT INTO material_fingerprinted (material_id, revision) VALUES (?, ?)")
                .params(materialId, revision).update();
    }

    /** A published or revised material's text is what later imports are compared with. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(MaterialEvent event) {
        if (event instanceof MaterialEvent.Published || event instanceof MaterialEvent.Revised) {
            fingerprintCurrent(event.materialId());
        }
    }

    /** Materials without fingerprints of their current revision get them, in the background. */
    @EventListener(ApplicationReadyEvent.class)
    void backfillSoon() {
        Thread.ofVirtual().name("fingerprint-backfill").start(() -> {
            try {
                int done = backfill();
                if (done > 0) {
                    log.info("Near-duplicates: fingerprinted {} material(s)", done);
                }
            } catch (RuntimeException e) {
                // Only a head start for the check on import: the next start tries again.
                log.warn("Could not fingerprint the existing materials", e);
            }
        });
    }

    /**
     * Fingerprints every material but drafts (fingerprinted when published) whose current revision has none; returns
     * how many it fingerprinted.
     */
    int backfill() {
        int done = 0;
        String after = "";
        while (true) {
            // by id, once over: a material that cannot be fingerprinted (no revision) is not asked for again
            List<String> ids = jdbc.sql("""
                            SELECT m.id FROM materials m LEFT JOIN material_fingerprinted f ON f.material_id = m.id
                            WHERE (f.material_id IS NULL OR f.revision <> m.current_revision) AND m.draft = FALSE
                              AND m.id > :after
                            ORDER BY m.id LIMIT :limit""")
                    .param("after", after).param("limit", BACKFILL_CHUNK).query(String.class).list();
            if (ids.isEmpty()) {
                return done;
            }
            for (String id : ids) {
                transactions.executeWithoutResult(status -> fingerprintCurrent(id));
            }
            done += ids.size();
            after = ids.getLast();
        }
    }

    private void fingerprintCurrent(String materialId) {
        repository.find(materialId)
                .flatMap(m -> repository.revision(materialId, m.currentRevision()))
                .ifPresent(r -> record(materialId, r.revision(), r.body()));
    }
}
