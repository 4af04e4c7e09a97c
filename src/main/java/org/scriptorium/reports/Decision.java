package org.scriptorium.reports;

import java.time.Instant;

/**
 * One decision on a case and who made it: the uphold or rejection, and any account restored afterwards.
 *
 * @param detail what the decision did (accounts suspended, reward granted) in Chinese; null if nothing more
 */
public record Decision(Action action, Report.Person actor, String reason, String detail, Instant at) {

    /** What was decided. */
    public enum Action {
        UPHOLD("核实并处理"),
        REJECT("不予采纳"),
        UNSUSPEND("恢复账号");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
