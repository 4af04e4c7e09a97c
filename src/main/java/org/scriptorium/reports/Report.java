package org.scriptorium.reports;

import java.time.Instant;
import java.util.List;
import org.scriptorium.account.Account;
import org.scriptorium.tracer.TraceResult;

/**
 * One case in the review queue, as editors see it: a report a user filed, or a signal the library raised.
 *
 * @param reporter      who filed the report; null for a signal
 * @param subject       for a signal, the account it is about; null for a report
 * @param where         where the resale was seen (shop, group, link); null for a signal
 * @param evidenceText  the pasted evidence; null if none
 * @param signalDetail  for a signal, what was observed (in Chinese)
 * @param trace         the tracer's result on the evidence, run when the report was filed; null when there was no
 *                      text to trace (only images, or a signal) or the tracer failed
 * @param traceNote     why there is no trace result, or a remark on it; null otherwise
 * @param outcome       for an upheld case, what it earned the reporter; null otherwise
 * @param decisionReason the editor's reason (required for a rejection, shown to the reporter)
 * @param reward        the reward granted for an upheld report; null if none
 * @param namedAccounts the accounts an upheld case named as leaking (and suspended); empty before a decision
 */
public record Report(
        String id,
        ReportKind kind,
        Person reporter,
        Person subject,
        String where,
        String statement,
        String evidenceText,
        String signalDetail,
        TraceResult trace,
        String traceNote,
        ReportStatus status,
        Outcome outcome,
        String decisionReason,
        Person decidedBy,
        Instant decidedAt,
        Reward reward,
        Instant filedAt,
        List<EvidenceFile> files,
        List<Person> namedAccounts) {

    public Report {
        files = List.copyOf(files);
        namedAccounts = List.copyOf(namedAccounts);
    }

    /** An account as a case shows it. */
    public record Person(String userId, long memberNumber, String email, String displayName, boolean suspended) {

        static Person of(Account account) {
            return new Person(account.id(), account.memberNumber(), account.email(), account.displayName(),
                    account.suspended());
        }

        /** How pages name the account: member number and address. */
        public String label() {
            return memberNumber + " " + email;
        }
    }

    /** An evidence file; its bytes are kept in the blob store and served to editors only. */
    public record EvidenceFile(String id, String name, String mediaType, long size, String sha256, boolean traced) {
    }

    /** What an upheld report earned: the plan, and when the reporter's membership ends after it. */
    public record Reward(String planName, int days, Instant endsAt) {
    }

    /** Whether an editor may still uphold or reject it. */
    public boolean pending() {
        return status == ReportStatus.PENDING;
    }

    /** The accounts an uphold names unless the editor says otherwise: the tracer's suspects, or the signal's subject. */
    public List<String> defaultLeakers() {
        if (subject != null) {
            return List.of(subject.userId());
        }
        return trace == null ? List.of() : trace.suspects().stream().map(TraceResult.Suspect::userId).toList();
    }
}
