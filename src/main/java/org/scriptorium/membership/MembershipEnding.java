package org.scriptorium.membership;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A member's continuous period ends within {@link ExpiryNoticeRule#NOTICE} and they have not been told of this end yet;
 * published (once per period end) in the transaction that records the notice, so the bell's notice is saved with it.
 *
 * @param endsAt the end of the member's continuous period (exclusive)
 * @param endsOn the day it ends in the library's zone, as pages show it
 */
public record MembershipEnding(String userId, Instant endsAt, LocalDate endsOn) {
}
