package org.scriptorium.reports;

import java.time.Instant;

/**
 * A report as its reporter sees it, and as it appears in a reporter's history: status and outcome, never the
 * accounts it named.
 *
 * @param reason the editor's reason for the decision (always given for a rejection); null otherwise
 * @param reward what an upheld report earned; null if nothing
 */
public record ReportSummary(String reportId, Instant filedAt, String where, String statement, int files,
                            ReportStatus status, Outcome outcome, String reason, Report.Reward reward,
                            Instant decidedAt) {
}
