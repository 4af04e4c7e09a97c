package org.scriptorium.membership;

import java.time.Instant;

/**
 * Codes generated together for one plan; {@code redeemed} counts those already used.
 *
 * @param channel  where the batch is sold (淘宝, 闲鱼, 线下…), or null
 * @param voidedAt when the batch was voided (its unredeemed codes no longer redeem), or null
 */
public record CodeBatch(String id, String planId, String planName, int count, int redeemed, Instant createdAt,
                        String channel, Instant voidedAt) {

    public boolean voided() {
        return voidedAt != null;
    }
}
