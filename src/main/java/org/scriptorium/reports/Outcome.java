package org.scriptorium.reports;

/** What an upheld case earned its reporter. */
public enum Outcome {
    /** The reporter receives the reward plan. */
    REWARDED("已奖励"),
    /** Every account named had already been named in a rewarded case: nothing more is earned. */
    REPEAT("重复举报，不再奖励"),
    /** The leaking copy was the reporter's own: a leaker earns nothing. */
    SELF_REPORT("本人账号泄露，不予奖励"),
    /**
     * The reporter's own copies score on the evidence above chance (the evidence looks made from their copy), and no
     * editor chose to reward them all the same.
     */
    REPORTER_IMPLICATED("证据与举报人本人的副本相符，不予奖励"),
    /** A signal the library raised itself: there is no one to reward. */
    NO_REPORTER("系统信号，无奖励");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The name shown on pages, in Chinese. */
    public String label() {
        return label;
    }
}
