package org.scriptorium.reports;

/** Where a case in the review queue comes from. */
public enum ReportKind {
    /** A user reported resale and sent evidence. */
    REPORT("举报"),
    /** A member tried to download more distinct materials in a day than the cap allows. */
    DOWNLOAD_SIGNAL("异常下载"),
    /** One account was used from many addresses or devices within a short window. */
    DEVICE_SIGNAL("多设备使用"),
    /** The leak guard held a message holding member-only material text (issue 16, leak guard). */
    LEAK_GUARD("拦截的消息");

    private final String label;

    ReportKind(String label) {
        this.label = label;
    }

    /** The name shown on pages, in Chinese. */
    public String label() {
        return label;
    }

    /** Signals are opened by the library itself: no reporter, no reward. */
    public boolean signal() {
        return this != REPORT;
    }
}
