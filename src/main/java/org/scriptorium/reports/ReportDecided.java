package org.scriptorium.reports;

import java.time.Instant;
import java.util.List;

/**
 * An editor upheld or rejected a case; published in the transaction that saved the decision. The notification
 * centre tells the reporter from it; the audit log records it.
 *
 * @param reporterId       who filed the report; null for a signal
 * @param outcome          for an upheld case, what it earned; null for a rejection
 * @param suspendedUserIds the accounts the decision named as leaking (and suspended); empty for a rejection
 * @param reason           the editor's reason; null if none was given
 */
public record ReportDecided(String reportId, ReportKind kind, String reporterId, ReportStatus status, Outcome outcome,
                            List<String> suspendedUserIds, String reason, String decidedBy, Instant decidedAt) {

    public ReportDecided {
        suspendedUserIds = List.copyOf(suspendedUserIds);
    }
}
