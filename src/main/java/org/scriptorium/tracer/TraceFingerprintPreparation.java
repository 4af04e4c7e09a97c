package org.scriptorium.tracer;

import java.util.List;
import java.util.Map;
import org.scriptorium.library.Material;
import org.scriptorium.library.MaterialEvent;
import org.scriptorium.library.Materials;
import org.scriptorium.tracing.Marks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Stores a revision's fingerprints as soon as it is published or revised, in the background, so that no node's trace
 * has to make them from its text: each node's tracer adds them to its index at its next trace, read from the
 * database. Only a head start: a trace makes and stores whatever it finds missing.
 */
@Component
class TraceFingerprintPreparation {

    private static final Logger log = LoggerFactory.getLogger(TraceFingerprintPreparation.class);

    private final Materials materials;
    private final FingerprintStore store;

    TraceFingerprintPreparation(Materials materials, FingerprintStore store) {
        this.materials = materials;
        this.store = store;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void prepare(MaterialEvent event) {
        if (event instanceof MaterialEvent.Published || event instanceof MaterialEvent.Revised) {
            Thread.ofVirtual().name("fingerprints-" + event.materialId()).start(() -> prepare(event.materialId()));
        }
    }

    private void prepare(String materialId) {
        try {
            Material material = materials.get(materialId);
            int revision = material.currentRevision();
            String key = Marks.revisionKey(materialId, revision);
            if (!store.find(List.of(key)).isEmpty()) {
                return;
            }
            String text = String.join("\n",
                    materials.parse(materials.revision(materialId, revision)).paragraphs());
            store.saveAll(Map.of(key, RevisionFingerprints.of(text)));
        } catch (RuntimeException e) {
            log.warn("Could not store the fingerprints of material {}", materialId, e);
        }
    }
}
