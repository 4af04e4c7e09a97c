package org.scriptorium.library;

import java.time.Instant;
import java.util.List;

/**
 * A notice rule as the operator manages it.
 *
 * @param rule      the rule
 * @param enabled   whether imports apply it
 * @param examples  lines the rule must match (built-in rules; empty for the operator's)
 * @param createdBy the id of the account that added it, or null (built-in rules, a deleted account)
 * @param createdAt when it was added, or null for a built-in rule
 */
public record NoticeRuleEntry(NoticeRule rule, boolean enabled, List<String> examples, String createdBy,
                              Instant createdAt) {

    public NoticeRuleEntry {
        examples = List.copyOf(examples);
    }
}
