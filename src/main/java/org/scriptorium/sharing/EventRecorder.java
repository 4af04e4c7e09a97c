package org.scriptorium.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.scriptorium.delivery.DeliveryLedger;
import org.scriptorium.library.Material;
import org.scriptorium.library.MaterialEvent;
import org.scriptorium.library.Materials;
import org.scriptorium.membership.MembershipEnding;
import org.scriptorium.reports.ReportDecided;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Writes what other modules publish into the event log, in their transaction (so a change and its event are saved
 * together or not at all), and once it is committed announces it on the bus, off the publisher's thread.
 */
@Component
class EventRecorder implements DisposableBean {

    /** A material imported with a publication time further back than this is an archive, not news. */
    static final Duration ARCHIVE = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

    private final EventLog eventLog;
    private final Materials materials;
    private final DeliveryLedger ledger;
    private final EventBus bus;
    private final Clock clock;
    private final ExecutorService announcer = Executors.newVirtualThreadPerTaskExecutor();

    EventRecorder(EventLog eventLog, Materials materials, DeliveryLedger ledger, EventBus bus, Clock clock) {
        this.eventLog = eventLog;
        this.materials = materials;
        this.ledger = ledger;
        this.bus = bus;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void record(MaterialEvent event) {
        Instant now = clock.instant();
        switch (event) {
            case MaterialEvent.Published p -> {
                Material material = materials.get(p.materialId());
                if (material.publishedAt().isBefore(now.minus(ARCHIVE)) && material.currentRevision() == 1
                        && material.createdAt().equals(material.updatedAt())) {
                    return; // an archive import: members are not paged about a speech from years ago
                }
                Instant visible = material.publishedAt().isAfter(now) ? material.publishedAt() : now;
                eventLog.append(SharingEvent.Type.MATERIAL_PUBLISHED, null, p.materialId(), material.currentRevision(),
                        null, null, null, visible, now);
            }
            case MaterialEvent.Revised r -> {
                Material material = materials.get(r.materialId());
                if (material.draft() || material.publishedAt().isAfter(now)) {
                    return; // not out yet: its publication will be the news
                }
                eventLog.append(SharingEvent.Type.MATERIAL_REVISED, null, r.materialId(), r.revision(), null, null,
                        r.changeNote(), now, now);
                List<String> readers = ledger.recipientsBefore(r.materialId(), r.revision());
                eventLog.appendForEach(readers, SharingEvent.Type.MATERIAL_REVISED, r.materialId(), r.revision(), null,
                        r.changeNote(), now);
            }
            case MaterialEvent.DetailsChanged ignored -> {
            }
            case MaterialEvent.Withdrawn ignored -> {
                // Nothing to announce; the audience rule tells nobody of a withdrawn material from now on.
            }
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void record(ReportDecided event) {
        if (event.reporterId() != null) {
            Instant now = clock.instant();
            eventLog.append(SharingEvent.Type.REPORT_DECIDED, event.reporterId(), null, null, null, event.reportId(),
                    null, now, now);
        }
    }

    // Issue 16, consultation: the asker of an answered conversation is told in the bell.
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void record(ConsultationAnswered event) {
        Instant now = clock.instant();
        eventLog.append(SharingEvent.Type.CONSULTATION_ANSWERED, event.askerId(), null, null, null, null,
                event.consultationId(), now, now);
    }

    @TransactionalEventListener
    void announce(ConsultationAnswered event) {
        announceSoon();
    }

    // Issue 16, consultation: staff are told that a conversation waits for them; the note is its id.
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void record(ConsultationWaiting event) {
        eventLog.appendForEach(event.staffIds(), SharingEvent.Type.CONSULTATION_WAITING, null, null, null,
                event.consultationId(), clock.instant());
    }

    @TransactionalEventListener
    void announce(ConsultationWaiting event) {
        announceSoon();
    }

    // Issue 16, buying and renewal: the notice is saved with the record that it was given, or not at all.
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void record(MembershipEnding event) {
        Instant now = clock.instant();
        eventLog.append(SharingEvent.Type.MEMBERSHIP_ENDING, event.userId(), null, null, null, null,
                event.endsOn().toString(), now, now);
    }

    @TransactionalEventListener
    void announce(MembershipEnding event) {
        announceSoon();
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void record(RequestEvent event) {
        Instant now = clock.instant();
        switch (event) {
            case RequestEvent.Planned p -> eventLog.appendForEach(p.askers(), SharingEvent.Type.REQUEST_PLANNED, null,
                    null, p.requestId(), null, now);
            case RequestEvent.Fulfilled f -> eventLog.appendForEach(f.askers(), SharingEvent.Type.REQUEST_FULFILLED,
                    f.materialId(), null, f.requestId(), null, now);
        }
    }

    @TransactionalEventListener
    void announce(MaterialEvent event) {
        announceSoon();
    }

    @TransactionalEventListener
    void announce(ReportDecided event) {
        announceSoon();
    }

    @TransactionalEventListener
    void announce(RequestEvent event) {
        announceSoon();
    }

    /**
     * On another thread: the publisher does not wait, and NOTIFY there runs outside the finished transaction. Also
     * {@link GroupEvents}'s way to announce.
     */
    void announceSoon() {
        announcer.execute(() -> {
            try {
                bus.announce();
            } catch (RuntimeException e) {
                log.warn("announcing events failed; nodes will find them at their next look", e);
            }
        });
    }

    @Override
    public void destroy() {
        announcer.shutdown();
    }
}
