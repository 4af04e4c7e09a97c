package org.scriptorium.reports;

import java.time.Clock;
import java.time.Instant;
import org.scriptorium.common.Ids;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens the cases the library raises by itself. Each signal has a key (its kind, account and day) and is opened once:
 * a member who keeps hitting the cap is one case for the editor, not fifty.
 */
@Component
class SignalCases {

    private final ReportRepository repository;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SignalCases(ReportRepository repository, Clock clock, ApplicationEventPublisher events) {
        this.repository = repository;
        this.clock = clock;
        this.events = events;
    }

    boolean opened(String key) {
        return repository.signalExists(key);
    }

    /**
     * Opens a signal case unless one with this key exists. Saved in a transaction of its own, so it stays even when
     * the request that raised it is refused.
     *
     * @return whether a case was opened now
     * @throws org.springframework.dao.DataIntegrityViolationException when another request opened it at the same moment
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean open(ReportKind kind, String userId, String key, String detail) {
        if (repository.signalExists(key)) {
            return false;
        }
        Instant now = clock.instant();
        String id = Ids.newId();
        repository.insert(new ReportRepository.Stored(id, kind, null, userId, null, null, null, key, detail, null, null,
                "系统信号：依据交付记录，无需文字追踪。", ReportStatus.PENDING, null, null, null, null, null, null, now));
        events.publishEvent(new SignalRaised(id, kind, userId, detail, now));
        return true;
    }
}
