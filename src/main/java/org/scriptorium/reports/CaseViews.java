package org.scriptorium.reports;

import java.util.List;
import java.util.Optional;
import org.scriptorium.account.Accounts;
import org.scriptorium.membership.Memberships;
import org.scriptorium.membership.Plan;
import org.scriptorium.tracer.TraceResult;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Turns stored rows into the cases and summaries the pages and the API show, and the tracer's result into JSON. */
@Component
class CaseViews {

    private final ReportRepository repository;
    private final Accounts accounts;
    private final Memberships memberships;
    /**
     * How traces are kept with their cases. Cases outlive versions of the tracer: a field a later version added reads
     * as empty, zero or false in a trace stored before it.
     */
    private static final JsonMapper TRACE_JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    CaseViews(ReportRepository repository, Accounts accounts, Memberships memberships) {
        this.repository = repository;
        this.accounts = accounts;
        this.memberships = memberships;
    }

    String traceJson(TraceResult result) {
        return result == null ? null : TRACE_JSON.writeValueAsString(result);
    }

    /** A stored trace, as any version of the tracer wrote it; null for none. */
    static TraceResult readTrace(String json) {
        return json == null ? null : TRACE_JSON.readValue(json, TraceResult.class);
    }

    Report report(ReportRepository.Stored s) {
        List<Report.EvidenceFile> files = repository.files(s.id()).stream().map(ReportRepository.StoredFile::file).toList();
        List<Report.Person> named = repository.named(s.id()).stream().map(this::person).flatMap(Optional::stream).toList();
        TraceResult trace = readTrace(s.traceJson());
        return new Report(s.id(), s.kind(), person(s.reporterId()).orElse(null), person(s.subjectId()).orElse(null),
                s.where(), s.statement(), s.evidenceText(), s.signalDetail(), trace, s.traceNote(), s.status(),
                s.outcome(), s.decisionReason(), person(s.decidedBy()).orElse(null), s.decidedAt(), reward(s),
                s.filedAt(), files, named);
    }

    ReportSummary summary(ReportRepository.Stored s) {
        return new ReportSummary(s.id(), s.filedAt(), s.where(), s.statement(), repository.files(s.id()).size(),
                s.status(), s.outcome(), s.decisionReason(), reward(s), s.decidedAt());
    }

    Decision decision(ReportRepository.StoredDecision d) {
        return new Decision(d.action(), person(d.actorId()).orElse(null), d.reason(), d.detail(), d.at());
    }

    Optional<Report.Person> person(String userId) {
        return userId == null ? Optional.empty() : accounts.find(userId).map(Report.Person::of);
    }

    private Report.Reward reward(ReportRepository.Stored s) {
        if (s.rewardPlanId() == null) {
            return null;
        }
        Plan plan = memberships.plan(s.rewardPlanId());
        return new Report.Reward(plan.name(), plan.durationDays(), s.rewardEndsAt());
    }
}
