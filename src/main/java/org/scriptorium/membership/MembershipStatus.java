package org.scriptorium.membership;

import java.time.Instant;

/**
 * A member's current period as the API and the pages show it.
 *
 * @param planName        the plan of the term running now
 * @param anchor          the start of the continuous period
 * @param endsAt          when the period ends (exclusive)
 * @param backCatalogFrom the earliest publication time the member may read
 * @param suspended       whether the operator has suspended the account
 * @param daysLeft        whole days left of the period, counted up ({@link MembershipPeriod#daysLeft})
 * @param renewUrl        the shop of the plan the member bought last, while it is on sale; else null
 */
public record MembershipStatus(String planName, Instant anchor, Instant endsAt, Instant backCatalogFrom, boolean suspended,
                               long daysLeft, String renewUrl) {
}
