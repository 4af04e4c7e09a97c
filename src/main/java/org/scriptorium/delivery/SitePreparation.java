package org.scriptorium.delivery;

import java.time.Clock;
import java.util.List;
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
 * Chooses a revision's variation sites as soon as it is published or revised, in the background, so that its first
 * reader does not wait for them: choosing takes about 4 ms for 10,000 characters and under a second for 1,000,000
 * ({@code bench-sites}); every later copy reuses them, and readers who come while it runs wait for this choice.
 */
@Component
class SitePreparation {

    private static final Logger log = LoggerFactory.getLogger(SitePreparation.class);

    private final Materials materials;
    private final Marks marks;
    private final Clock clock;

    SitePreparation(Materials materials, Marks marks, Clock clock) {
        this.materials = materials;
        this.marks = marks;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void prepare(MaterialEvent event) {
        if (event instanceof MaterialEvent.Published || event instanceof MaterialEvent.Revised) {
            Thread.ofVirtual().name("sites-" + event.materialId()).start(() -> prepare(event.materialId()));
        }
    }

    private void prepare(String materialId) {
        try {
            Material material = materials.get(materialId);
            List<String> paragraphs = materials.parse(materials.revision(materialId, material.currentRevision()))
                    .paragraphs();
            marks.sites(materialId, material.currentRevision(), paragraphs, clock.instant());
        } catch (RuntimeException e) {
            // Only a head start: the first copy chooses the sites itself.
            log.warn("Could not prepare the variation sites of material {}", materialId, e);
        }
    }
}
