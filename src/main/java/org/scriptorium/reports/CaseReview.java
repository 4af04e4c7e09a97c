package org.scriptorium.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.delivery.DeliveryLedger;
import org.scriptorium.membership.MembershipStatus;
import org.scriptorium.membership.Memberships;
import org.scriptorium.membership.Plan;
import org.scriptorium.storage.BlobStore;
import org.scriptorium.tracer.TraceResult;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The editors' side of reports and signals: the review queue, each case with the tracer's result, the ledger rows
 * behind it and the reporter's history; and the decisions. Upholding suspends the leaking accounts at once and
 * rewards the reporter as the {@link RewardRule} decides; rejecting tells the reporter why. Every decision is kept
 * with its author.
 */
@Service
public class CaseReview {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final int LEDGER_ROWS = 200;

    /** The queue: the cases shown, and how many stand in each status. */
    public record Queue(List<Report> cases, Map<ReportStatus, Long> counts) {
    }

    /**
     * Everything an editor needs to decide a case.
     *
     * @param ledger          the deliveries behind it: the found materials to the suspects (or the accounts named),
     *                        or for a signal the account's latest deliveries; newest first
     * @param reporterHistory the reporter's other reports and their outcomes, newest first
     */
    public record CaseDetail(Report report, List<Decision> decisions, List<DeliveryLedger.Delivery> ledger,
                             List<ReportSummary> reporterHistory) {
    }

    /** An evidence file's bytes for an editor. */
    public record EvidenceDownload(String name, String mediaType, byte[] content) {
    }

    private final ReportRepository repository;
    private final CaseViews views;
    private final BlobStore blobs;
    private final Accounts accounts;
    private final Memberships memberships;
    private final DeliveryLedger ledger;
    private final ReportsProperties properties;
    private final Clock clock;
    private final ZoneId zone;
    private final ApplicationEventPublisher events;
    private final CaseFile caseFile;
    private final RewardRule rewardRule = new RewardRule();

    CaseReview(ReportRepository repository, CaseViews views, BlobStore blobs, Accounts accounts,
               Memberships memberships, DeliveryLedger ledger, ReportsProperties properties, Clock clock,
               ScriptoriumProperties scriptorium, ApplicationEventPublisher events, CaseFile caseFile) {
        this.caseFile = caseFile;
        this.repository = repository;
        this.views = views;
        this.blobs = blobs;
        this.accounts = accounts;
        this.memberships = memberships;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
        this.zone = scriptorium.zone();
        this.events = events;
    }

    /** Cases newest first, filtered by status and kind (null for any), at most 200. */
    public Queue queue(ReportStatus status, ReportKind kind) {
        return new Queue(repository.list(status, kind, 200).stream().map(views::report).toList(),
                repository.countByStatus());
    }

    /** @throws Rejected 404 for an unknown case */
    public Report get(String id) {
        return views.report(stored(id));
    }

    /** @throws Rejected 404 for an unknown case */
    public CaseDetail detail(String id) {
        Report report = get(id);
        List<Decision> decisions = repository.decisions(id).stream().map(views::decision).toList();
        List<ReportSummary> history = report.reporter() == null ? List.of()
                : repository.byReporter(report.reporter().userId()).stream()
                        .filter(s -> !s.id().equals(id)).map(views::summary).toList();
        return new CaseDetail(report, decisions, ledgerBehind(report), history);
    }

    /**
     * Upholds a case: suspends the leaking accounts at once (ending their sessions and tokens), records them on the
     * case, and rewards the reporter with the reward plan unless the case is a repeat or a self-report (see
     * {@link RewardRule}). The reporter and the suspended accounts are told.
     *
     * @param userIds  the leaking accounts; null or empty for the default (the tracer's suspects, or a signal's
     *                 subject)
     * @param note     the editor's remark, kept with the decision; may be null
     * @param rewardAnyway reward the reporter even though their own copies score on the evidence above chance
     *                 (otherwise such a case earns nothing, see {@link RewardRule})
     * @param editorId who decides
     * @return the case after the decision
     * @throws Rejected 404 for an unknown case or account; 409 {@code REPORT_ALREADY_DECIDED}; 422
     *                  {@code LEAKERS_REQUIRED} when no account is named and the tracer named none, 422
     *                  {@code STAFF_ACCOUNT} for an editor's or administrator's account
     */
    @Transactional
    public Report uphold(String id, List<String> userIds, String note, boolean rewardAnyway, String editorId) {
        ReportRepository.Stored stored = stored(id);
        requirePending(stored);
        Report report = views.report(stored);
        List<String> leakers = userIds == null || userIds.stream().allMatch(u -> u == null || u.isBlank())
                ? report.defaultLeakers()
                : userIds.stream().filter(u -> u != null && !u.isBlank()).map(String::strip).distinct().toList();
        if (leakers.isEmpty()) {
            throw Rejected.invalid("LEAKERS_REQUIRED", "追踪结果没有指认任何账号：请指明泄露的账号，或不予采纳此举报。",
                    "The tracer named no account: name the leaking accounts, or reject the report.");
        }
        List<Account> accountsNamed = new ArrayList<>();
        for (String userId : leakers) {
            Account account = accounts.get(userId);
            if (account.staff()) {
                throw Rejected.invalid("STAFF_ACCOUNT", "不能通过举报暂停工作人员账号（" + account.email() + "），请先在用户页撤销其角色。",
                        "A staff account (" + account.email() + ") cannot be suspended through a report; remove its roles first.");
            }
            accountsNamed.add(account);
        }
        repository.lockAccounts(leakers);
        boolean implicated = report.trace() != null && report.trace().reporter() != null
                && report.trace().reporter().aboveChance();
        Outcome outcome = rewardRule.decide(stored.reporterId(), Set.copyOf(leakers), repository.rewardedAmong(leakers),
                implicated, rewardAnyway);
        Instant now = clock.instant();
        String remark = trimmed(note, 2000);
        if (!repository.decide(id, ReportStatus.UPHELD, outcome, remark, editorId, now)) {
            throw alreadyDecided();
        }
        List<String> suspended = new ArrayList<>();
        for (Account account : accountsNamed) {
            repository.name(id, account.id());
            if (!account.suspended()) {
                accounts.suspend(editorId, account.id(), "经核实泄露、倒卖会员资料（案件 " + id + "）");
                suspended.add(account.memberNumber() + " " + account.email());
                notice(account.id(), id, "账号已被暂停",
                        "经核实，您账号获取的会员资料被泄露或倒卖，账号已被暂停，无法再阅读和下载资料。如有异议，请联系运营方。", now);
            }
        }
        StringBuilder detail = new StringBuilder("暂停账号：").append(suspended.isEmpty() ? "（均已处于暂停状态）" : String.join("、", suspended));
        if (outcome == Outcome.REWARDED) {
            Plan plan = rewardPlan();
            MembershipStatus status = memberships.grant(stored.reporterId(), plan.id(), null, editorId)
                    .orElseThrow(() -> new IllegalStateException("a reward granted now is active now"));
            repository.setReward(id, plan.id(), status.endsAt());
            detail.append("；奖励举报人「").append(plan.name()).append("」").append(plan.durationDays())
                    .append(" 天，会员期至 ").append(day(status.endsAt()));
            notice(stored.reporterId(), id, "举报已核实，获赠「" + plan.name() + "」",
                    "感谢您的举报！经核实，泄露的账号已被暂停。我们赠送您「" + plan.name() + "」" + plan.durationDays()
                            + " 天，会员有效期至 " + day(status.endsAt()) + "。", now);
        } else if (outcome == Outcome.REPEAT) {
            detail.append("；重复举报，不予奖励");
            notice(stored.reporterId(), id, "举报已核实",
                    "感谢您的举报！经核实，该账号此前已被举报并处理，按规则本次不再重复奖励。", now);
        } else if (outcome == Outcome.REPORTER_IMPLICATED) {
            detail.append("；证据与举报人本人的副本相符，不予奖励");
            notice(stored.reporterId(), id, "举报已处理",
                    "经核实，您提交的证据与您本人账号获取的副本相符，按规则本次不予奖励。如有疑问，请联系运营方。", now);
        } else if (outcome == Outcome.SELF_REPORT) {
            detail.append("；泄露的副本来自举报人本人账号，不予奖励");
            notice(stored.reporterId(), id, "举报已处理",
                    "经核实，泄露的副本来自您本人的账号，按规则不予奖励。", now);
        }
        repository.insertDecision(Ids.newId(), id, Decision.Action.UPHOLD, editorId, remark, trimmed(detail.toString(), 2000), now);
        events.publishEvent(new ReportDecided(id, stored.kind(), stored.reporterId(), ReportStatus.UPHELD, outcome,
                leakers, remark, editorId, now));
        return get(id);
    }

    /**
     * Rejects a case with a reason, which the reporter is shown.
     *
     * @throws Rejected 404 for an unknown case; 409 {@code REPORT_ALREADY_DECIDED}; 422 {@code REASON_REQUIRED}
     */
    @Transactional
    public Report reject(String id, String reason, String editorId) {
        ReportRepository.Stored stored = stored(id);
        requirePending(stored);
        String why = requireReason(reason, "请填写不予采纳的原因，举报人会看到它。",
                "Give the reason for rejecting; the reporter will see it.");
        Instant now = clock.instant();
        if (!repository.decide(id, ReportStatus.REJECTED, null, why, editorId, now)) {
            throw alreadyDecided();
        }
        repository.insertDecision(Ids.newId(), id, Decision.Action.REJECT, editorId, why, null, now);
        if (stored.reporterId() != null) {
            notice(stored.reporterId(), id, "举报未被采纳", "您的举报经核实未被采纳。原因：" + why, now);
        }
        events.publishEvent(new ReportDecided(id, stored.kind(), stored.reporterId(), ReportStatus.REJECTED, null,
                List.of(), why, editorId, now));
        return get(id);
    }

    /**
     * Lifts the suspension of an account that an upheld case named (after an appeal, say); the reason is kept with
     * the case and the account is told. The case itself stays upheld.
     *
     * @throws Rejected 404 for an unknown case; 422 {@code NOT_NAMED} for an account the case did not name,
     *                  {@code REASON_REQUIRED} without a reason; 409 {@code NOT_SUSPENDED} for an account in good standing
     */
    @Transactional
    public Report unsuspend(String id, String userId, String reason, String editorId) {
        ReportRepository.Stored stored = stored(id);
        if (userId == null || !repository.named(id).contains(userId)) {
            throw Rejected.invalid("NOT_NAMED", "该账号不在此案件暂停的账号之列。", "The case did not name this account.");
        }
        String why = requireReason(reason, "请填写恢复账号的原因。", "Give the reason for lifting the suspension.");
        Account account = accounts.get(userId);
        if (!account.suspended()) {
            throw Rejected.conflict("NOT_SUSPENDED", "该账号目前没有被暂停。", "The account is not suspended.");
        }
        accounts.unsuspend(editorId, userId, why);
        Instant now = clock.instant();
        repository.insertDecision(Ids.newId(), stored.id(), Decision.Action.UNSUSPEND, editorId, why,
                "恢复账号：" + account.memberNumber() + " " + account.email(), now);
        notice(userId, id, "账号已恢复", "您的账号已恢复，可以继续阅读和下载资料。说明：" + why, now);
        return get(id);
    }

    /**
     * An evidence file of a case, for editors.
     *
     * @throws Rejected 404 for an unknown case or file, or bytes missing from the blob store
     */
    public EvidenceDownload evidence(String reportId, String fileId) {
        ReportRepository.StoredFile file = repository.files(stored(reportId).id()).stream()
                .filter(f -> f.file().id().equals(fileId)).findFirst()
                .orElseThrow(() -> Rejected.notFound("FILE_NOT_FOUND", "文件不存在。", "No such file."));
        byte[] content = blobs.get(file.blobKey())
                .orElseThrow(() -> Rejected.notFound("FILE_NOT_FOUND", "文件内容已丢失。", "The file's content is missing."));
        return new EvidenceDownload(file.file().name(), file.file().mediaType(), content);
    }

    /**
     * The case file: the evidence pack as a PDF (see {@link CaseFile}), naming the editor who asked for it.
     *
     * @throws Rejected 404 for an unknown case
     */
    public byte[] caseFile(String id, String editorId) {
        CaseDetail detail = detail(id);
        return caseFile.write(detail, evidence(id), views.person(editorId).orElse(null));
    }

    /** The stored bytes of every evidence file of a case, in order, for the case file. */
    private List<EvidenceDownload> evidence(String reportId) {
        return repository.files(reportId).stream()
                .map(f -> new EvidenceDownload(f.file().name(), f.file().mediaType(),
                        blobs.get(f.blobKey()).orElse(null)))
                .toList();
    }

    /** The deliveries behind a case, newest first. */
    private List<DeliveryLedger.Delivery> ledgerBehind(Report report) {
        if (report.subject() != null) {
            return ledger.find(null, report.subject().userId(), LEDGER_ROWS);
        }
        if (report.trace() == null) {
            return List.of();
        }
        Set<String> people = new LinkedHashSet<>(report.defaultLeakers());
        report.namedAccounts().forEach(p -> people.add(p.userId()));
        List<DeliveryLedger.Delivery> rows = new ArrayList<>();
        for (TraceResult.SourceMaterial material : report.trace().materials()) {
            for (String userId : people) {
                rows.addAll(ledger.find(material.materialId(), userId, LEDGER_ROWS));
            }
        }
        return rows.stream()
                .sorted(Comparator.comparing(DeliveryLedger.Delivery::deliveredAt).reversed())
                .limit(LEDGER_ROWS)
                .toList();
    }

    /** The configured reward plan, or the plan of that name and length, made the first time it is needed. */
    private Plan rewardPlan() {
        ReportsProperties.Reward reward = properties.reward();
        if (!reward.planId().isBlank()) {
            return memberships.plan(reward.planId());
        }
        Optional<Plan> existing = memberships.plans().stream()
                .filter(p -> p.name().equals(reward.planName()) && p.durationDays() == reward.days())
                .findFirst();
        return existing.orElseGet(() -> memberships.createPlan(reward.planName(), reward.days(), reward.backCatalogDays()));
    }

    private void notice(String userId, String reportId, String title, String body, Instant at) {
        repository.insertNotice(Ids.newId(), userId, reportId, trimmed(title, 200), trimmed(body, 2000), at);
    }

    private ReportRepository.Stored stored(String id) {
        return repository.find(id).orElseThrow(() -> Rejected.notFound("REPORT_NOT_FOUND", "案件不存在。", "No such case."));
    }

    private static void requirePending(ReportRepository.Stored stored) {
        if (stored.status() != ReportStatus.PENDING) {
            throw alreadyDecided();
        }
    }

    private static Rejected alreadyDecided() {
        return Rejected.conflict("REPORT_ALREADY_DECIDED", "该案件已经处理过了。", "The case has already been decided.");
    }

    private static String requireReason(String reason, String chinese, String english) {
        String why = trimmed(reason, 2000);
        if (why == null) {
            throw Rejected.invalid("REASON_REQUIRED", chinese, english);
        }
        return why;
    }

    private static String trimmed(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        return t.length() > max ? t.substring(0, max) : t;
    }

    private String day(Instant instant) {
        return DAY.format(instant.atZone(zone));
    }
}
