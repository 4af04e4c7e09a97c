package org.scriptorium.library;

/** A change to the notice rules imports apply, published for the audit log. */
public sealed interface NoticeRuleEvent {

    /** The rule's id. */
    String ruleId();

    /** The operator added a rule. */
    record Added(String ruleId, String pattern, boolean regex, NoticeRule.Scope scope, String reason)
            implements NoticeRuleEvent {
    }

    /** A rule, built-in or the operator's, was switched on or off. */
    record Switched(String ruleId, String pattern, boolean builtIn, boolean enabled) implements NoticeRuleEvent {
    }

    /** The operator deleted one of their rules. */
    record Deleted(String ruleId, String pattern, boolean regex, NoticeRule.Scope scope) implements NoticeRuleEvent {
    }
}
