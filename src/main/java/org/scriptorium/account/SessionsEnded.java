package org.scriptorium.account;

import java.time.Instant;

/**
 * Every session, token and open event stream of an account that was signed in before {@code before} has ended: its
 * roles or standing changed, or its password. Published in the transaction that made the change; the sharing module
 * closes the account's open streams once it commits.
 *
 * @param before sign-ins at or before this instant no longer count
 */
public record SessionsEnded(String userId, Instant before) {
}
