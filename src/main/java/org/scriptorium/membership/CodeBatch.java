package org.scriptorium.membership;

import java.time.Instant;

/** Codes generated together for one plan; {@code redeemed} counts those already used. */
public record CodeBatch(String id, String planId, String planName, int count, int redeemed, Instant createdAt) {
}
