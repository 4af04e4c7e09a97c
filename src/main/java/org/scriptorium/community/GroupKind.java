package org.scriptorium.community;

/** Who a group is for. */
enum GroupKind {
    /** 会员群: accounts with an active membership. */
    MEMBERS("会员群"),
    /** 免费群: every signed-in account in good standing. */
    FREE("免费群");

    private final String label;

    GroupKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
