package org.scriptorium.reports;

import org.springframework.stereotype.Component;

/** Placeholder until the tracer-backed guard is merged (issue 16, leak guard part): lets everything through. */
@Component
class PassingLeakGuard implements LeakGuard {

    @Override
    public Verdict inspect(String authorId, String text, String where) {
        return new Verdict.Clear();
    }
}
