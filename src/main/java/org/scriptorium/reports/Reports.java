package org.scriptorium.reports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.storage.BlobStore;
import org.scriptorium.tracer.Leak;
import org.scriptorium.tracer.LeakIntake;
import org.scriptorium.tracer.TraceResult;
import org.scriptorium.tracer.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reports of resale, from the reporter's side: filing one (its evidence traced at once, so the editor finds the
 * result waiting), the reporter's own reports with status and outcome, and the notices that tell them.
 */
@Service
public class Reports {

    private static final Logger log = LoggerFactory.getLogger(Reports.class);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A file as the reporter sent it. */
    public record SubmittedFile(String name, byte[] content) {
    }

    /** The limits a reporter should know before filing, for the form. */
    public record FilingRules(int perDay, int maxFiles, long maxFileMegabytes, long maxTotalMegabytes,
                              String rewardPlanName) {
    }

    private final ReportRepository repository;
    private final CaseViews views;
    private final BlobStore blobs;
    private final LeakIntake intake;
    private final Tracer tracer;
    private final Accounts accounts;
    private final Clock clock;
    private final ZoneId zone;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final ReportsProperties properties;
    private final EvidenceRules evidenceRules;
    private final FilingLimit limit;

    Reports(ReportRepository repository, CaseViews views, BlobStore blobs, LeakIntake intake, Tracer tracer,
            Accounts accounts, Clock clock, ScriptoriumProperties scriptorium, ReportsProperties properties,
            ApplicationEventPublisher events, TransactionTemplate transaction) {
        this.repository = repository;
        this.views = views;
        this.blobs = blobs;
        this.intake = intake;
        this.tracer = tracer;
        this.accounts = accounts;
        this.clock = clock;
        this.zone = scriptorium.zone();
        this.events = events;
        this.transaction = transaction;
        this.properties = properties;
        this.evidenceRules = new EvidenceRules(properties.maxFiles(), properties.maxFileSize().toBytes(),
                properties.maxTotalSize().toBytes(), properties.maxTextCharacters());
        this.limit = new FilingLimit(properties.perDay());
    }

    public FilingRules rules() {
        return new FilingRules(properties.perDay(), properties.maxFiles(), properties.maxFileSize().toMegabytes(),
                properties.maxTotalSize().toMegabytes(), properties.reward().planName());
    }

    /**
     * Files a report: checks it, runs the tracer on its text evidence (pasted text, .txt, .docx and .pdf files;
     * images are kept as attachments only), stores the files in the blob store and the case for review.
     *
     * @param where     where the resale was seen: shop, group or link
     * @param statement what the reporter wants the editor to know; may be null
     * @param text      pasted evidence; may be null when files are sent
     * @return the new report's id
     * @throws Rejected 404 for an unknown reporter; 429 {@code REPORT_LIMIT_REACHED} beyond the daily limit; the
     *                  rejections of {@link EvidenceRules#check} for missing or oversized evidence; 422 for a text
     *                  file the tracer cannot read (damaged, encrypted or scanned PDF, broken .docx)
     */
    public String file(String reporterId, String where, String statement, String text, List<SubmittedFile> files) {
        accounts.get(reporterId);
        List<EvidenceRules.Accepted> accepted = evidenceRules.check(where, statement, text,
                files.stream().map(f -> new EvidenceRules.Submitted(f.name(), f.content())).toList());
        Instant now = clock.instant();
        checkLimit(reporterId, now); // early, so that nothing is traced for a reporter over the limit
        String pasted = text == null || text.isBlank() ? null : text.strip();
        Traced traced = trace(accepted, pasted, reporterId);

        ReportRepository.Stored report = new ReportRepository.Stored(Ids.newId(), ReportKind.REPORT, reporterId, null,
                where.strip(), blankToNull(statement), pasted, null, null,
                traced.result() == null ? null : traced.result().verdict().name(), views.traceJson(traced.result()),
                traced.note(), ReportStatus.PENDING, null, null, null, null, null, null, now);
        List<String> stored = new ArrayList<>();
        try {
            List<String> keys = new ArrayList<>();
            for (EvidenceRules.Accepted file : accepted) {
                String key = blobs.put(file.content());
                stored.add(key);
                keys.add(key);
            }
            transaction.executeWithoutResult(status -> {
                // Again under the reporter's row lock: concurrent filings are counted one after the other.
                accounts.lockForUpdate(reporterId);
                checkLimit(reporterId, clock.instant());
                repository.insert(report);
                for (int i = 0; i < accepted.size(); i++) {
                    EvidenceRules.Accepted file = accepted.get(i);
                    repository.insertFile(report.id(), i, Ids.newId(), file, sha256(file.content()), keys.get(i));
                }
            });
        } catch (RuntimeException e) {
            stored.forEach(blobs::delete);
            throw e;
        }
        events.publishEvent(new ReportFiled(report.id(), reporterId, report.traceVerdict(), now));
        return report.id();
    }

    /** @throws Rejected 429 {@code REPORT_LIMIT_REACHED}, with the wait as {@code Retry-After}, beyond the limit */
    private void checkLimit(String reporterId, Instant now) {
        Optional<Instant> refusedUntil = limit.refusedUntil(repository.filedSince(reporterId, now.minus(FilingLimit.WINDOW)), now);
        if (refusedUntil.isPresent()) {
            String until = MINUTE.format(refusedUntil.get().atZone(zone));
            throw Rejected.tooMany("REPORT_LIMIT_REACHED",
                    "24 小时内最多可提交 " + limit.perDay() + " 次举报，请于 " + until + " 之后再提交。如情况紧急，请联系运营方。",
                    "At most " + limit.perDay() + " reports in 24 hours; try again after " + until + ".",
                    java.time.Duration.between(now, refusedUntil.get()));
        }
    }

    /** The reporter's reports, newest first, as they may see them. */
    public List<ReportSummary> mine(String userId) {
        return repository.byReporter(userId).stream().map(views::summary).toList();
    }

    /** What the user has been told about their cases, newest first. */
    public List<Notice> notices(String userId) {
        return repository.notices(userId, 50);
    }

    public long unreadNotices(String userId) {
        return repository.unreadNotices(userId);
    }

    public void markNoticesRead(String userId) {
        repository.markNoticesRead(userId, clock.instant());
    }

    private record Traced(TraceResult result, String note) {
    }

    /** The tracer's verdict on the text evidence; a failure of the tracer itself leaves a note, not a lost report. */
    private Traced trace(List<EvidenceRules.Accepted> accepted, String pasted, String reporterId) {
        List<LeakIntake.SubmittedFile> textFiles = accepted.stream().filter(EvidenceRules.Accepted::traced)
                .map(f -> new LeakIntake.SubmittedFile(f.name(), f.content())).toList();
        if (textFiles.isEmpty() && pasted == null) {
            return new Traced(null, "证据只有图片，无法自动追踪，请人工核对。");
        }
        // Unreadable files are the reporter's to fix: LeakIntake's rejection reaches them unchanged.
        List<Leak> leaks = intake.leaks(textFiles, pasted);
        try {
            return new Traced(tracer.traceReport(leaks, reporterId), null);
        } catch (RuntimeException e) {
            log.error("The tracer failed on a report's evidence", e);
            return new Traced(null, "追踪时出错，请在“追踪泄露”页面重新上传证据人工追踪。");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
