package org.scriptorium.reports;

import java.util.Objects;
import java.util.Set;

/**
 * Decides what an upheld case earns its reporter. The reward exists to find leakers the library did not know of, so
 * a case earns it only when it names an account no rewarded case has named before, never when the reporter is one of
 * the leakers, and not by default when the evidence looks made from the reporter's own copies (a leaker who reports
 * someone else with evidence cut from their own copy).
 */
final class RewardRule {

    /** As {@link #decide(String, Set, Set, boolean, boolean)} for a reporter whose copies do not match the evidence. */
    Outcome decide(String reporterId, Set<String> leakers, Set<String> alreadyRewarded) {
        return decide(reporterId, leakers, alreadyRewarded, false, false);
    }

    /**
     * Decides in this order: no reporter (a signal) → {@link Outcome#NO_REPORTER}; the reporter is among the leaking
     * accounts → {@link Outcome#SELF_REPORT}; the reporter's own copies score on the evidence above chance and the
     * editor did not choose to reward → {@link Outcome#REPORTER_IMPLICATED}; every leaking account was already named in
     * a rewarded case → {@link Outcome#REPEAT}; otherwise → {@link Outcome#REWARDED}.
     *
     * @param reporterId         who filed the report; null for a signal
     * @param leakers            the accounts the case names as leaking; not empty
     * @param alreadyRewarded    the accounts named in cases already rewarded (only those among {@code leakers} matter)
     * @param reporterImplicated whether the tracer found the reporter's own copies scoring above chance on the evidence
     * @param rewardAnyway       the editor's choice to reward an implicated reporter all the same
     * @return the outcome, never null
     * @throws IllegalArgumentException if {@code leakers} is empty
     * @throws NullPointerException     if {@code leakers} or {@code alreadyRewarded} is null
     */
    Outcome decide(String reporterId, Set<String> leakers, Set<String> alreadyRewarded, boolean reporterImplicated,
                   boolean rewardAnyway) {
        Objects.requireNonNull(leakers, "leakers");
        Objects.requireNonNull(alreadyRewarded, "alreadyRewarded");
        if (leakers.isEmpty()) {
            throw new IllegalArgumentException("an upheld case names at least one leaking account");
        }
        if (reporterId == null) {
            return Outcome.NO_REPORTER;
        }
        if (leakers.contains(reporterId)) {
            return Outcome.SELF_REPORT;
        }
        if (reporterImplicated && !rewardAnyway) {
            return Outcome.REPORTER_IMPLICATED;
        }
        if (alreadyRewarded.containsAll(leakers)) {
            return Outcome.REPEAT;
        }
        return Outcome.REWARDED;
    }
}
