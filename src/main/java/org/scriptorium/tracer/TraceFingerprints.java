package org.scriptorium.tracer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.scriptorium.common.DbTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fingerprints of delivered revisions in the database ({@code trace_fingerprints}), shared by every node: a
 * node's first trace after start reads them instead of parsing and winnowing every revision, and all nodes index the
 * same fingerprints. Writes run in a transaction of their own, so that a row another node stored first (a duplicate
 * key) costs nothing but that row, whatever transaction the trace runs in.
 */
@Component
class TraceFingerprints implements FingerprintStore {

    /** Keys per query and rows per batch: well inside every driver's limit on parameters. */
    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    TraceFingerprints(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public Map<String, RevisionFingerprints> find(Collection<String> revisionKeys) {
        Map<String, RevisionFingerprints> found = new HashMap<>();
        List<String> keys = List.copyOf(revisionKeys);
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            jdbc.sql("SELECT revision_key, characters, prints FROM trace_fingerprints "
                            + "WHERE scheme = :scheme AND revision_key IN (:keys)")
                    .param("scheme", RevisionFingerprints.SCHEME).param("keys", chunk)
                    .query(rs -> {
                        found.put(rs.getString(1), RevisionFingerprints.fromBytes(rs.getInt(2), rs.getBytes(3)));
                    });
        }
        return found;
    }

    @Override
    public void saveAll(Map<String, RevisionFingerprints> byRevisionKey) {
        List<Map.Entry<String, RevisionFingerprints>> entries = new ArrayList<>(byRevisionKey.entrySet());
        for (int from = 0; from < entries.size(); from += CHUNK) {
            List<Map.Entry<String, RevisionFingerprints>> chunk = entries.subList(from, Math.min(entries.size(), from + CHUNK));
            try {
                ownTransaction.executeWithoutResult(status -> chunk.forEach(this::write));
            } catch (DuplicateKeyException raced) {
                // Another node stored some of these meanwhile: store the others one by one.
                chunk.forEach(e -> ownTransaction.executeWithoutResult(status -> {
                    try {
                        write(e);
                    } catch (DuplicateKeyException stored) {
                        status.setRollbackOnly();
                    }
                }));
            }
        }
    }

    /** Replaces a row made by another scheme, else inserts (a duplicate key when the row is there already). */
    private void write(Map.Entry<String, RevisionFingerprints> entry) {
        RevisionFingerprints prints = entry.getValue();
        var now = DbTime.of(clock.instant());
        int replaced = jdbc.sql("""
                        UPDATE trace_fingerprints SET scheme = ?, characters = ?, prints = ?, made_at = ?
                         WHERE revision_key = ? AND scheme <> ?""")
                .params(RevisionFingerprints.SCHEME, prints.characters(), prints.bytes(), now, entry.getKey(),
                        RevisionFingerprints.SCHEME)
                .update();
        if (replaced == 0) {
            jdbc.sql("INSERT INTO trace_fingerprints (revision_key, scheme, characters, prints, made_at) "
                            + "VALUES (?, ?, ?, ?, ?)")
                    .params(entry.getKey(), RevisionFingerprints.SCHEME, prints.characters(), prints.bytes(), now)
                    .update();
        }
    }
}
