package org.scriptorium.membership;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
    private static final int MAX_CHANNEL = 40;

    private final MembershipRepository repository;
    private final Accounts accounts;
    private final ZoneId zone;
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
        this.zone = properties.zone();
        ScriptoriumProperties.Redeem redeem = properties.redeem() == null
                ? new ScriptoriumProperties.Redeem(10, 30, 60) : properties.redeem();
        Duration window = Duration.ofMinutes(redeem.lockMinutes() > 0 ? redeem.lockMinutes() : 60);
        this.failuresPerAccount = new AttemptLimit(jdbc, transactions, clock, "redeem-account",
                redeem.maxFailures() > 0 ? redeem.maxFailures() : 10, window);
        this.failuresPerAddress = new AttemptLimit(jdbc, transactions, clock, "redeem-address",
                redeem.maxFailuresPerAddress() > 0 ? redeem.maxFailuresPerAddress() : 30, window);
    }

    /**
     * Creates a plan that is not sold in a shop (granted by hand, or given as a reward).
     *
     * @throws Rejected 422 for an empty name, a duration outside 1–36,500 days or a window outside 0–36,500 days
     */
    @Transactional
    public Plan createPlan(String name, int durationDays, int backCatalogDays) {
        return createPlan(name, durationDays, backCatalogDays, PlanListing.NONE);
    }

    /**
     * Creates a plan with its shop face.
     *
     * @param listing its price, description and shop, as {@link PlanListing#of} checked them
     * @throws Rejected 422 for an empty name, a duration outside 1–36,500 days or a window outside 0–36,500 days
     */
    @Transactional
    public Plan createPlan(String name, int durationDays, int backCatalogDays, PlanListing listing) {
        String clean = planName(name);
        if (durationDays < 1 || durationDays > 36_500) {
            throw Rejected.invalid("INVALID_DURATION", "会员时长须在 1 到 36500 天之间。", "The duration must be 1 to 36,500 days.");
        }
        if (backCatalogDays < 0 || backCatalogDays > 36_500) {
            throw Rejected.invalid("INVALID_BACK_CATALOG", "可回溯天数须在 0 到 36500 天之间。", "The back-catalogue window must be 0 to 36,500 days.");
        }
        Plan plan = new Plan(Ids.newId(), clean, durationDays, backCatalogDays, clock.instant(), listing.price(),
                listing.description(), listing.shopUrl(), null);
        repository.insertPlan(plan);
        return plan;
    }

    private static String planName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw Rejected.ofField(422, "INVALID_PLAN_NAME", "name", "请填写 1 到 100 个字的套餐名称。",
                    "Enter a plan name of 1 to 100 characters.");
        }
        return clean;
    }

    /**
     * Renames a plan and replaces its shop face. Terms already given keep their length; their members see the new
     * name. Nothing is saved or logged when nothing changes.
     *
     * @return the plan as it is now
     * @throws Rejected 404 for an unknown plan, 422 for an empty or over-long name
     */
    @Transactional
    public Plan changePlan(String planId, String name, PlanListing listing, String changedBy) {
        Plan before = plan(planId);
        String clean = planName(name);
        Plan after = new Plan(before.id(), clean, before.durationDays(), before.backCatalogDays(), before.createdAt(),
                listing.price(), listing.description(), listing.shopUrl(), before.retiredAt());
        if (!after.equals(before)) {
            repository.updatePlan(planId, clean, listing);
            events.publishEvent(new MembershipEvent.PlanChanged(before, after, changedBy));
        }
        return after;
    }

    /**
     * Retires a plan: no new code batches, no longer offered to buyers. Terms already given stay, and codes already
     * generated still redeem unless their batch is voided.
     *
     * @throws Rejected 404 for an unknown plan, 409 {@code PLAN_RETIRED} when it is retired already
     */
    @Transactional
    public Plan retirePlan(String planId, String retiredBy) {
        Plan plan = plan(planId);
        if (!repository.retirePlan(planId, clock.instant())) {
            throw planRetired(plan);
        }
        events.publishEvent(new MembershipEvent.PlanRetired(plan.id(), plan.name(), retiredBy));
        return plan(planId);
    }

    private static Rejected planNotFound() {
        return Rejected.notFound("PLAN_NOT_FOUND", "套餐不存在。", "No such plan.");
    }

    private static Rejected planRetired(Plan plan) {
        return Rejected.conflict("PLAN_RETIRED", "套餐「" + plan.name() + "」已停售。", "The plan has been retired.");
    }

    public List<Plan> plans() {
        return repository.plans();
    }

    /** The plans offered to buyers ({@link Plan#onSale()}), oldest first. */
    public List<Plan> plansOnSale() {
        return repository.plans().stream().filter(Plan::onSale).toList();
    }

    /** @throws Rejected 404 for an unknown plan */
    public Plan plan(String planId) {
        return repository.plan(planId).orElseThrow(Memberships::planNotFound);
    }

    /**
     * Generates a batch of single-use activation codes for a plan.
     *
     * @param channel where the batch is sold (淘宝, 闲鱼, 线下…): trimmed, blank for none
     * @return the batch and its codes, in the grouped form members type
     * @throws Rejected 404 for an unknown plan, 409 {@code PLAN_RETIRED} for a retired one, 422 for a count outside
     *                  1–10,000 or a channel over 40 characters or with control characters
     */
    @Transactional
    public GeneratedCodes generateCodes(String planId, int count, String channel, String createdBy) {
        // Locked, so a batch and the plan's retirement cannot pass each other.
        Plan plan = repository.planForUpdate(planId).orElseThrow(Memberships::planNotFound);
        if (plan.retiredAt() != null) {
            throw planRetired(plan);
        }
        if (count < 1 || count > MAX_CODES_PER_BATCH) {
            throw Rejected.invalid("INVALID_COUNT", "每批可生成 1 到 10000 个激活码。", "A batch holds 1 to 10,000 codes.");
        }
        String label = channel(channel);
        Instant now = clock.instant();
        String batchId = Ids.newId();
        repository.insertBatch(batchId, plan.id(), count, label, createdBy, now);
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
        events.publishEvent(new MembershipEvent.CodesGenerated(batchId, plan.id(), plan.name(), codes.size(), label,
                createdBy));
        return new GeneratedCodes(batchId, plan, label, codes);
    }

    private static String channel(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String clean = typed.strip();
        // Control characters would break the CSV's rows and the admin page's table; a channel is a short label.
        if (clean.length() > MAX_CHANNEL || clean.chars().anyMatch(Character::isISOControl)) {
            throw Rejected.ofField(422, "INVALID_CHANNEL", "channel", "销售渠道最多 40 个字，且不能含换行等控制字符。",
                    "The channel may be at most 40 characters, without control characters.");
        }
        return clean;
    }

    /** A batch just generated; {@code channel} as stored (trimmed, null for none). */
    public record GeneratedCodes(String batchId, Plan plan, String channel, List<String> codes) {
    }

    public List<CodeBatch> batches() {
        return repository.batches();
    }

    /** @throws Rejected 404 {@code BATCH_NOT_FOUND} for an unknown batch */
    public CodeBatch batch(String batchId) {
        return repository.batch(batchId)
                .orElseThrow(() -> Rejected.notFound("BATCH_NOT_FOUND", "该批次不存在。", "No such batch."));
    }

    /** The codes of a batch as CSV for the operator's shop ({@link CodeBatchCsv}). */
    public String batchCsv(String batchId) {
        return CodeBatchCsv.write(batch(batchId), repository.codesOfBatch(batchId), zone);
    }

    /**
     * Voids a batch: its unredeemed codes stop working at once (redeeming one answers {@code CODE_VOIDED}); the codes
     * already redeemed keep their terms.
     *
     * @return the batch as it is now
     * @throws Rejected 404 {@code BATCH_NOT_FOUND}, 409 {@code BATCH_VOIDED} when it is voided already
     */
    @Transactional
    public CodeBatch voidBatch(String batchId, String voidedBy) {
        CodeBatch batch = batch(batchId);
        if (!repository.voidBatch(batchId, voidedBy, clock.instant())) {
            throw Rejected.conflict("BATCH_VOIDED", "该批次已作废。", "The batch has been voided already.");
        }
        CodeBatch voided = batch(batchId);
        events.publishEvent(new MembershipEvent.BatchVoided(batchId, voided.planName(), voided.channel(), voided.count(),
                voided.count() - voided.redeemed(), voidedBy));
        return voided;
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
            // A voided code is a real one, but trying them in bulk is still trying codes.
            guess = e.code().equals("CODE_INVALID") || e.code().equals("CODE_ALREADY_REDEEMED")
                    || e.code().equals("CODE_VOIDED");
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
        MembershipRepository.StoredCode stored = repository.code(code).orElseThrow(Memberships::invalidCode);
        if (stored.voided() && !stored.redeemed()) {
            throw voidedCode();
        }
        Plan plan = plan(stored.planId());
        Instant now = clock.instant();
        if (!repository.markRedeemed(code, userId, now)) {
            // Redeemed by somebody else first, or its batch voided since we looked.
            boolean voided = repository.code(code).map(c -> c.voided() && !c.redeemed()).orElse(false);
            throw voided ? voidedCode() : Rejected.conflict("CODE_ALREADY_REDEEMED", "该激活码已被使用。",
                    "This code has already been redeemed.");
        }
        addTerm(userId, plan, null, "CODE", code, null, now);
        events.publishEvent(new MembershipEvent.Redeemed(userId, plan.id(), plan.name()));
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
            return new MembershipStatus(planName, period.anchor(), period.endsAt(), period.backCatalogFrom(), suspended,
                    period.daysLeft(now), renewUrl(stored, period.endsAt()));
        });
    }

    /**
     * Where the member renews: the shop of the plan of the period's last term (what they bought most recently), while
     * that plan is on sale; otherwise null, and the member chooses among {@link #plansOnSale()}.
     */
    String renewUrl(List<MembershipRepository.StoredTerm> stored, Instant periodEnd) {
        return stored.stream()
                .filter(s -> s.term().endsAt().equals(periodEnd))
                .findFirst()
                .flatMap(s -> repository.plan(s.planId()))
                .filter(Plan::onSale)
                .map(Plan::shopUrl)
                .orElse(null);
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

    private static Rejected voidedCode() {
        return Rejected.conflict("CODE_VOIDED", "该激活码所在的批次已作废，无法兑换。如您是从正规渠道购买的，请联系售卖方。",
                "This code's batch has been voided; it can no longer be redeemed. Contact the seller.");
    }

    private static Rejected invalidCode() {
        return Rejected.invalid("CODE_INVALID", "激活码无效，请核对后重新输入。", "The code is not valid; check it and try again.");
    }
}
