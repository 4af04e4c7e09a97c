package org.scriptorium.membership;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.AttemptLimit;
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans, activation codes, grants and every member's time line; and the {@link Reader} that the one
 * {@link EntitlementRule} judges.
 */
@Service
public class Memberships {

    private static final int MAX_CODES_PER_BATCH = 10_000;

    private final MembershipRepository repository;
    private final Accounts accounts;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();
    private final TransactionTemplate transaction;
    /** Failed redemptions per account and per client address: codes cannot be guessed, and are not to be tried. */
    private final AttemptLimit failuresPerAccount;
    private final AttemptLimit failuresPerAddress;

    Memberships(MembershipRepository repository, Accounts accounts, Clock clock, ApplicationEventPublisher events,
                JdbcClient jdbc, PlatformTransactionManager transactions, ScriptoriumProperties properties) {
        this.repository = repository;
        this.accounts = accounts;
        this.clock = clock;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        ScriptoriumProperties.Redeem redeem = properties.redeem() == null
                ? new ScriptoriumProperties.Redeem(10, 30, 60) : properties.redeem();
        Duration window = Duration.ofMinutes(redeem.lockMinutes() > 0 ? redeem.lockMinutes() : 60);
        this.failuresPerAccount = new AttemptLimit(jdbc, transactions, clock, "redeem-account",
                redeem.maxFailures() > 0 ? redeem.maxFailures() : 10, window);
        this.failuresPerAddress = new AttemptLimit(jdbc, transactions, clock, "redeem-address",
                redeem.maxFailuresPerAddress() > 0 ? redeem.maxFailuresPerAddress() : 30, window);
    }

    /**
     * Creates a plan.
     *
     * @throws Rejected 422 for an empty name, a duration outside 1–36,500 days or a window outside 0–36,500 days
     */
    @Transactional
    public Plan createPlan(String name, int durationDays, int backCatalogDays) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw Rejected.invalid("INVALID_PLAN_NAME", "请填写 1 到 100 个字的套餐名称。", "Enter a plan name of 1 to 100 characters.");
        }
        if (durationDays < 1 || durationDays > 36_500) {
            throw Rejected.invalid("INVALID_DURATION", "会员时长须在 1 到 36500 天之间。", "The duration must be 1 to 36,500 days.");
        }
        if (backCatalogDays < 0 || backCatalogDays > 36_500) {
            throw Rejected.invalid("INVALID_BACK_CATALOG", "可回溯天数须在 0 到 36500 天之间。", "The back-catalogue window must be 0 to 36,500 days.");
        }
        Plan plan = new Plan(Ids.newId(), clean, durationDays, backCatalogDays, clock.instant());
        repository.insertPlan(plan);
        return plan;
    }

    public List<Plan> plans() {
        return repository.plans();
    }

    /** @throws Rejected 404 for an unknown plan */
    public Plan plan(String planId) {
        return repository.plan(planId).orElseThrow(() -> Rejected.notFound("PLAN_NOT_FOUND", "套餐不存在。", "No such plan."));
    }

    /**
     * Generates a batch of single-use activation codes for a plan.
     *
     * @return the batch and its codes, in the grouped form members type
     * @throws Rejected 404 for an unknown plan, 422 for a count outside 1–10,000
     */
    @Transactional
    public GeneratedCodes generateCodes(String planId, int count, String createdBy) {
        Plan plan = plan(planId);
        if (count < 1 || count > MAX_CODES_PER_BATCH) {
            throw Rejected.invalid("INVALID_COUNT", "每批可生成 1 到 10000 个激活码。", "A batch holds 1 to 10,000 codes.");
        }
        Instant now = clock.instant();
        String batchId = Ids.newId();
        repository.insertBatch(batchId, plan.id(), count, createdBy, now);
        List<String> codes = new ArrayList<>(count);
        while (codes.size() < count) {
            String code = ActivationCodes.generate(random);
            try {
                repository.insertCode(code, plan.id(), batchId, now);
                codes.add(code);
            } catch (DuplicateKeyException collision) {
                // 100 bits make this practically impossible; drawing again keeps the promise anyway.
            }
        }
        events.publishEvent(new MembershipEvent.CodesGenerated(batchId, plan.id(), plan.name(), codes.size(), createdBy));
        return new GeneratedCodes(batchId, plan, codes);
    }

    /** A batch just generated. */
    public record GeneratedCodes(String batchId, Plan plan, List<String> codes) {
    }

    public List<CodeBatch> batches() {
        return repository.batches();
    }

    /** The codes of a batch as CSV for the operator's shop. */
    public String batchCsv(String batchId) {
        CodeBatch batch = batches().stream().filter(b -> b.id().equals(batchId)).findFirst()
                .orElseThrow(() -> Rejected.notFound("BATCH_NOT_FOUND", "该批次不存在。", "No such batch."));
        return CodeBatchCsv.write(batch.planName(), repository.codesOfBatch(batchId));
    }

    /**
     * Redeems an activation code for a user. A code is redeemed once, however many redeem it at the same time
     * (a conditional update), and one user's redemptions are placed on their time line one after the other. Failed
     * attempts (an unknown or used code) are limited per account and per client address; every attempt is counted
     * before the code is looked at, so concurrent guesses cannot pass the limit, and a success is given back.
     *
     * @param address the client's IP address, or null when unknown (then only the account is limited)
     * @return the user's membership after redemption
     * @throws Rejected 422 {@code CODE_INVALID} for a mistyped or unknown code, 409 {@code CODE_ALREADY_REDEEMED}
     *                  for a used one, 403 {@code ACCOUNT_SUSPENDED} for a suspended account, 429
     *                  {@code TOO_MANY_CODE_ATTEMPTS} (with {@code Retry-After}) after repeated failures
     */
    public MembershipStatus redeem(String userId, String typedCode, String address) {
        String network = AttemptLimit.clientNetwork(address);
        Optional<Duration> wait = failuresPerAccount.tryAcquire(userId);
        if (wait.isEmpty() && network != null) {
            wait = failuresPerAddress.tryAcquire(network);
            if (wait.isPresent()) {
                failuresPerAccount.refund(userId);
            }
        }
        if (wait.isPresent()) {
            long minutes = Rejected.minutes(wait.get());
            throw Rejected.tooMany("TOO_MANY_CODE_ATTEMPTS",
                    "激活码输错次数过多，请 " + minutes + " 分钟后再试。如确认激活码无误，请联系售卖方。",
                    "Too many failed code redemptions; try again in " + minutes + " minute" + (minutes == 1 ? "" : "s") + ".",
                    wait.get());
        }
        boolean guess = false;
        try {
            return transaction.execute(status -> redeemNow(userId, typedCode));
        } catch (Rejected e) {
            guess = e.code().equals("CODE_INVALID") || e.code().equals("CODE_ALREADY_REDEEMED");
            throw e;
        } finally {
            if (!guess) {
                failuresPerAccount.refund(userId);
                if (network != null) {
                    failuresPerAddress.refund(network);
                }
            }
        }
    }

    private MembershipStatus redeemNow(String userId, String typedCode) {
        accounts.lockForUpdate(userId);
        Account account = accounts.get(userId);
        if (account.suspended()) {
            throw new Rejected(403, "ACCOUNT_SUSPENDED", "账号已被暂停，无法兑换激活码。", "The account is suspended and cannot redeem codes.");
        }
        String code = ActivationCodes.normalise(typedCode).orElseThrow(Memberships::invalidCode);
        Plan plan = repository.planOfCode(code).map(this::plan).orElseThrow(Memberships::invalidCode);
        Instant now = clock.instant();
        if (!repository.markRedeemed(code, userId, now)) {
            throw Rejected.conflict("CODE_ALREADY_REDEEMED", "该激活码已被使用。", "This code has already been redeemed.");
        }
        addTerm(userId, plan, null, "CODE", code, null, now);
        return status(userId).orElseThrow();
    }

    /**
     * Grants a plan by hand. Without {@code startsAt}, the term is placed like a redeemed code (extending an active
     * period); with it, the term starts there.
     *
     * @throws Rejected 404 for an unknown user or plan
     */
    @Transactional
    public Optional<MembershipStatus> grant(String userId, String planId, Instant startsAt, String grantedBy) {
        accounts.get(userId);
        Plan plan = plan(planId);
        Instant endedBefore = status(userId).map(MembershipStatus::endsAt).orElse(null);
        addTerm(userId, plan, startsAt, "GRANT", null, grantedBy, clock.instant());
        Optional<MembershipStatus> after = status(userId);
        events.publishEvent(new MembershipEvent.Granted(userId, plan.id(), plan.name(), endedBefore,
                after.map(MembershipStatus::endsAt).orElse(null), grantedBy));
        return after;
    }

    /** Ends the user's membership now: the running term is cut short and future terms are withdrawn. */
    @Transactional
    public void revoke(String userId) {
        accounts.get(userId);
        Instant endedBefore = status(userId).map(MembershipStatus::endsAt).orElse(null);
        repository.revokeFrom(userId, clock.instant());
        events.publishEvent(new MembershipEvent.Revoked(userId, endedBefore));
    }

    /** The user's membership period active now, with the account's suspension, if a period is active. */
    public Optional<MembershipStatus> status(String userId) {
        List<MembershipRepository.StoredTerm> stored = repository.terms(userId);
        Instant now = clock.instant();
        List<MembershipTerm> terms = stored.stream().map(MembershipRepository.StoredTerm::term).toList();
        return MembershipPeriods.activeAt(terms, now).map(period -> {
            String planName = stored.stream()
                    .filter(s -> !s.term().startsAt().isAfter(now) && s.term().endsAt().isAfter(now))
                    .map(MembershipRepository.StoredTerm::planName)
                    .findFirst().orElse("");
            boolean suspended = accounts.find(userId).map(Account::suspended).orElse(false);
            return new MembershipStatus(planName, period.anchor(), period.endsAt(), period.backCatalogFrom(), suspended);
        });
    }

    /** Every term of the user, oldest first (revoked ones left out). */
    public List<MembershipTerm> terms(String userId) {
        return repository.terms(userId).stream().map(MembershipRepository.StoredTerm::term).toList();
    }

    /** Who is asking, as the entitlement rule needs it: anonymous when no user id is given or it is unknown. */
    public Reader readerFor(Optional<String> userId) {
        return userId.flatMap(accounts::find)
                .<Reader>map(a -> new Reader.SignedIn(terms(a.id()), a.suspended(), a.staff()))
                .orElseGet(Reader.Anonymous::new);
    }

    private void addTerm(String userId, Plan plan, Instant startsAt, String source, String code, String grantedBy, Instant now) {
        MembershipTerm term = startsAt == null
                ? MembershipPeriods.nextTerm(terms(userId), now, plan.duration(), plan.backCatalog())
                : new MembershipTerm(startsAt, startsAt.plus(plan.duration()), plan.backCatalog());
        repository.insertTerm(Ids.newId(), userId, plan.id(), term, source, code, grantedBy, now);
    }

    private static Rejected invalidCode() {
        return Rejected.invalid("CODE_INVALID", "激活码无效，请核对后重新输入。", "The code is not valid; check it and try again.");
    }
}
