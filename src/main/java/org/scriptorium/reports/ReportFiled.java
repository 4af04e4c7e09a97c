package org.scriptorium.reports;

import java.time.Instant;

/** A user filed a report; published after it was saved, with the tracer's verdict if there was text to trace. */
public record ReportFiled(String reportId, String reporterId, String traceVerdict, Instant filedAt) {
}
