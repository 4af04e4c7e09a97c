package org.scriptorium.audit;

/** What an operator did, as the audit log names it. */
public enum AuditAction {
    REPORT_UPHELD("核实举报"),
    REPORT_REJECTED("不予采纳"),
    ACCOUNT_SUSPENDED("暂停账号"),
    ACCOUNT_UNSUSPENDED("恢复账号"),
    ROLES_CHANGED("调整角色"),
    MEMBERSHIP_GRANTED("开通会员"),
    MEMBERSHIP_REVOKED("终止会员"),
    CODES_GENERATED("生成激活码"),
    MATERIAL_PUBLISHED("发布资料"),
    MATERIAL_REVISED("修订资料"),
    MATERIAL_DETAILS_CHANGED("修改资料详情"),
    MATERIAL_WITHDRAWN("撤回资料"),
    NOTICE_RULE_ADDED("添加清理规则"),
    NOTICE_RULE_SWITCHED("开关清理规则"),
    NOTICE_RULE_DELETED("删除清理规则"),
    SYNONYMS_ADDED("添加同义词"),
    SYNONYMS_CHANGED("修改同义词"),
    SYNONYMS_DELETED("删除同义词"),
    // Issue 16, buying and renewal:
    PLAN_CHANGED("修改套餐"),
    PLAN_RETIRED("停售套餐"),
    BATCH_VOIDED("作废激活码批次"),
    // Issue 16, groups:
    GROUP_MESSAGE_HIDDEN("隐藏群消息"),
    GROUP_MEMBER_MUTED("群内禁言"),
    GROUP_MEMBER_REMOVED("移出群聊"),
    GROUP_SANCTION_LIFTED("解除群内处理");

    private final String label;

    AuditAction(String label) {
        this.label = label;
    }

    /** The name shown on pages and in the export, in Chinese. */
    public String label() {
        return label;
    }
}
