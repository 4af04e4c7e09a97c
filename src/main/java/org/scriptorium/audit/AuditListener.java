package org.scriptorium.audit;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.stream.Collectors;
import org.scriptorium.account.Account;
import org.scriptorium.account.AccountEvent;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.Role;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.community.GroupModeration;
import org.scriptorium.library.Material;
import org.scriptorium.library.MaterialEvent;
import org.scriptorium.library.Materials;
import org.scriptorium.library.NoticeRule;
import org.scriptorium.library.NoticeRuleEvent;
import org.scriptorium.membership.MembershipEvent;
import org.scriptorium.membership.Plan;
import org.scriptorium.reports.ReportDecided;
import org.scriptorium.reports.ReportStatus;
import org.scriptorium.search.SynonymEvent;
import org.scriptorium.search.SynonymGroup;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Writes the audit entry of each operator action from the event the action publishes, before its transaction commits.
 * The actor is whoever is signed in on the request (or the id the event carries); no one means the system.
 */
@Component
class AuditListener {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final AuditLog log;
    private final Accounts accounts;
    private final Materials materials;
    private final ZoneId zone;

    AuditListener(AuditLog log, Accounts accounts, Materials materials, ScriptoriumProperties properties) {
        this.log = log;
        this.accounts = accounts;
        this.materials = materials;
        this.zone = properties.zone();
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void account(AccountEvent event) {
        String actor = actor(null);
        switch (event) {
            case AccountEvent.Suspended s -> log.record(actor, AuditAction.ACCOUNT_SUSPENDED, "USER", s.userId(),
                    "暂停账号 " + s.email(), s.previousReason() == null ? "正常" : "已暂停：" + s.previousReason(),
                    "已暂停：" + s.reason());
            case AccountEvent.Unsuspended u -> log.record(actor, AuditAction.ACCOUNT_UNSUSPENDED, "USER", u.userId(),
                    "恢复账号 " + u.email() + (u.reason() == null ? "" : "，理由：" + u.reason()),
                    "已暂停：" + u.previousReason(), "正常");
            case AccountEvent.RolesChanged r -> log.record(actor, AuditAction.ROLES_CHANGED, "USER", r.userId(),
                    "调整角色 " + r.email(), roles(r.before()), roles(r.after()));
        }
    }

    /** Issue 16: staff's moderation in the groups. */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void group(GroupModeration event) {
        String actor = actor(event.actorId());
        switch (event) {
            case GroupModeration.MessageHidden h -> log.record(actor, AuditAction.GROUP_MESSAGE_HIDDEN, "GROUP_MESSAGE",
                    h.messageId(), "隐藏「" + h.groupName() + "」中 " + email(h.authorId()) + " 的消息，理由：" + h.reason(),
                    "显示", "已隐藏：" + h.reason());
            case GroupModeration.MemberMuted m -> log.record(actor, AuditAction.GROUP_MEMBER_MUTED, "USER", m.userId(),
                    "在「" + m.groupName() + "」禁言 " + email(m.userId()) + "，理由：" + m.reason(), null,
                    "禁言至 " + m.until());
            case GroupModeration.MemberRemoved r -> log.record(actor, AuditAction.GROUP_MEMBER_REMOVED, "USER",
                    r.userId(), "将 " + email(r.userId()) + " 移出「" + r.groupName() + "」，理由：" + r.reason(), null,
                    "已移出");
            case GroupModeration.SanctionLifted l -> log.record(actor, AuditAction.GROUP_SANCTION_LIFTED, "USER",
                    l.userId(), "解除 " + email(l.userId()) + " 在「" + l.groupName() + "」的禁言与移出", null, "正常");
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void membership(MembershipEvent event) {
        switch (event) {
            case MembershipEvent.Granted g -> log.record(actor(g.grantedBy()), AuditAction.MEMBERSHIP_GRANTED, "USER",
                    g.userId(), "为 " + email(g.userId()) + " 开通「" + g.planName() + "」",
                    period(g.endedBefore()), period(g.endsAfter()));
            case MembershipEvent.Revoked r -> log.record(actor(null), AuditAction.MEMBERSHIP_REVOKED, "USER", r.userId(),
                    "终止 " + email(r.userId()) + " 的会员", period(r.endedBefore()), "无有效会员");
            case MembershipEvent.CodesGenerated c -> log.record(actor(c.createdBy()), AuditAction.CODES_GENERATED,
                    "BATCH", c.batchId(), "为「" + c.planName() + "」生成 " + c.count() + " 个激活码"
                            + (c.channel() == null ? "" : "（" + c.channel() + "）"), null,
                    "批次 " + c.batchId() + "，共 " + c.count() + " 个");
            // Issue 16, buying and renewal:
            case MembershipEvent.PlanChanged p -> log.record(actor(p.changedBy()), AuditAction.PLAN_CHANGED, "PLAN",
                    p.after().id(), p.renamed()
                            ? "将套餐「" + p.before().name() + "」改名为「" + p.after().name() + "」"
                            : "修改套餐「" + p.after().name() + "」的价格、说明或购买链接",
                    plan(p.before()), plan(p.after()));
            case MembershipEvent.PlanRetired r -> log.record(actor(r.retiredBy()), AuditAction.PLAN_RETIRED, "PLAN",
                    r.planId(), "停售套餐「" + r.planName() + "」", "在售", "已停售（不再生成激活码；已有会员期和激活码不变）");
            case MembershipEvent.BatchVoided v -> log.record(actor(v.voidedBy()), AuditAction.BATCH_VOIDED, "BATCH",
                    v.batchId(), "作废「" + v.planName() + "」的激活码批次 " + v.batchId()
                            + (v.channel() == null ? "" : "（" + v.channel() + "）"),
                    "有效，未兑换 " + v.unredeemed() + " 个", "已作废：" + v.unredeemed() + " 个未兑换的激活码失效，已兑换的 "
                            + (v.count() - v.unredeemed()) + " 个不受影响");
            case MembershipEvent.Redeemed ignored -> {
                // the member's own act, kept with the code (who redeemed it, when)
            }
        }
    }

    private static String plan(Plan plan) {
        return "名称：" + plan.name() + "；价格：" + (plan.price() == null ? "无" : plan.priceLabel())
                + "；购买链接：" + (plan.shopUrl() == null ? "无" : plan.shopUrl())
                + "；说明：" + (plan.description() == null ? "无" : plan.description());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void material(MaterialEvent event) {
        String title = materials.find(event.materialId()).map(Material::title).orElse(event.materialId());
        String actor = actor(null);
        switch (event) {
            case MaterialEvent.Published p -> log.record(actor, AuditAction.MATERIAL_PUBLISHED, "MATERIAL",
                    p.materialId(), "发布资料《" + title + "》", null, "已发布");
            case MaterialEvent.Revised r -> log.record(actor, AuditAction.MATERIAL_REVISED, "MATERIAL", r.materialId(),
                    "修订资料《" + title + "》", "第 " + (r.revision() - 1) + " 版",
                    "第 " + r.revision() + " 版：" + r.changeNote());
            case MaterialEvent.DetailsChanged d -> log.record(actor, AuditAction.MATERIAL_DETAILS_CHANGED, "MATERIAL",
                    d.materialId(), "修改资料《" + title + "》的标题、类别、主题、级别或发布时间", null, null);
            case MaterialEvent.Withdrawn w -> log.record(actor, AuditAction.MATERIAL_WITHDRAWN, "MATERIAL",
                    w.materialId(), "撤回资料《" + title + "》", "已发布", "已撤回");
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void noticeRule(NoticeRuleEvent event) {
        String actor = actor(null);
        switch (event) {
            case NoticeRuleEvent.Added a -> log.record(actor, AuditAction.NOTICE_RULE_ADDED, "NOTICE_RULE", a.ruleId(),
                    "添加清理规则 " + a.ruleId() + "（" + scope(a.scope()) + "）：" + a.reason(), null,
                    rule(a.pattern(), a.regex()));
            case NoticeRuleEvent.Switched s -> log.record(actor, AuditAction.NOTICE_RULE_SWITCHED, "NOTICE_RULE",
                    s.ruleId(), (s.enabled() ? "开启" : "关闭") + (s.builtIn() ? "内置" : "") + "清理规则 " + s.ruleId(),
                    s.enabled() ? "已关闭" : "已开启", s.enabled() ? "已开启" : "已关闭");
            case NoticeRuleEvent.Deleted d -> log.record(actor, AuditAction.NOTICE_RULE_DELETED, "NOTICE_RULE",
                    d.ruleId(), "删除清理规则 " + d.ruleId() + "（" + scope(d.scope()) + "）",
                    rule(d.pattern(), d.regex()), null);
        }
    }

    private static String scope(NoticeRule.Scope scope) {
        return scope == NoticeRule.Scope.EDGE ? "顶部/底部" : "全文";
    }

    private static String rule(String pattern, boolean regex) {
        return (regex ? "正则：" : "文字：") + pattern;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void synonyms(SynonymEvent event) {
        String actor = actor(null);
        switch (event) {
            case SynonymEvent.Added a -> log.record(actor, AuditAction.SYNONYMS_ADDED, "SYNONYMS", a.groupId(),
                    "添加同义词 " + a.group().shown(), null, synonyms(a.group()));
            case SynonymEvent.Changed c -> log.record(actor, AuditAction.SYNONYMS_CHANGED, "SYNONYMS", c.groupId(),
                    (c.before().enabled() != c.after().enabled() && c.before().terms().equals(c.after().terms())
                            ? (c.after().enabled() ? "开启" : "关闭") : "修改") + "同义词 " + c.after().shown(),
                    synonyms(c.before()), synonyms(c.after()));
            case SynonymEvent.Deleted d -> log.record(actor, AuditAction.SYNONYMS_DELETED, "SYNONYMS", d.groupId(),
                    "删除同义词 " + d.group().shown(), synonyms(d.group()), null);
        }
    }

    private static String synonyms(SynonymGroup g) {
        return g.shown() + (g.enabled() ? "" : "（已关闭）") + (g.note() == null ? "" : "；备注：" + g.note());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void report(ReportDecided event) {
        String kind = event.kind().label();
        if (event.status() == ReportStatus.UPHELD) {
            log.record(actor(event.decidedBy()), AuditAction.REPORT_UPHELD, "REPORT", event.reportId(),
                    "核实" + kind + "案件 " + event.reportId() + "，认定 " + event.suspendedUserIds().size() + " 个泄露账号："
                            + event.suspendedUserIds().stream().map(this::email).collect(Collectors.joining("、")),
                    ReportStatus.PENDING.label(),
                    ReportStatus.UPHELD.label() + "（" + event.outcome().label() + "）"
                            + (event.reason() == null ? "" : "：" + event.reason()));
        } else {
            log.record(actor(event.decidedBy()), AuditAction.REPORT_REJECTED, "REPORT", event.reportId(),
                    "不予采纳" + kind + "案件 " + event.reportId(), ReportStatus.PENDING.label(),
                    ReportStatus.REJECTED.label() + "：" + event.reason());
        }
    }

    /** The id the event names, else whoever makes the current request, else null for the system. */
    private static String actor(String named) {
        return named != null ? named : AccountPrincipal.currentUserId().orElse(null);
    }

    private String email(String userId) {
        return accounts.find(userId).map(Account::email).orElse(userId);
    }

    private String period(Instant endsAt) {
        return endsAt == null ? "无有效会员" : "会员期至 " + DAY.format(endsAt.atZone(zone));
    }

    private static String roles(Set<Role> roles) {
        return roles.stream().sorted().map(r -> switch (r) {
            case MEMBER -> "会员";
            case EDITOR -> "编辑";
            case ADMIN -> "管理员";
        }).collect(Collectors.joining("、"));
    }
}
