package org.scriptorium.reports;

/** Where a case stands. Decisions are final: an upheld or rejected case is not decided again. */
public enum ReportStatus {
    PENDING("待审核"),
    UPHELD("已核实"),
    REJECTED("未采纳");

    private final String label;

    ReportStatus(String label) {
        this.label = label;
    }

    /** The name shown on pages, in Chinese. */
    public String label() {
        return label;
    }
}
