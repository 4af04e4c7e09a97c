package org.scriptorium.reports;

import java.time.Instant;

/** The library opened a case by itself about an account (a download cap reached, many devices at once). */
public record SignalRaised(String reportId, ReportKind kind, String userId, String detail, Instant raisedAt) {
}
