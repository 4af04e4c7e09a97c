package org.scriptorium.membership;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * What a code or a grant gives: a duration, and how far back before the start of membership the reader may read; and
 * how it is sold.
 *
 * @param price       in 元, or null when the plan has no price shown
 * @param description a line or two for buyers, or null
 * @param shopUrl     the absolute http(s) address of the shop that sells its codes (淘宝, 微店, own page), or null
 * @param retiredAt   when the plan was retired (no new codes, not offered), or null while it is current
 */
public record Plan(String id, String name, int durationDays, int backCatalogDays, Instant createdAt,
                   BigDecimal price, String description, String shopUrl, Instant retiredAt) {

    public Duration duration() {
        return Duration.ofDays(durationDays);
    }

    public Duration backCatalog() {
        return Duration.ofDays(backCatalogDays);
    }

    /** The plan's shop face alone. */
    public PlanListing listing() {
        return new PlanListing(price, description, shopUrl);
    }

    /** Offered to buyers (on the paywall, {@code /plans}, {@code /me}): not retired, and with a price and a shop. */
    public boolean onSale() {
        return retiredAt == null && price != null && shopUrl != null;
    }

    /** The price as shown, e.g. {@code ¥199} or {@code ¥19.9}; empty when there is none. */
    public String priceLabel() {
        return PlanListing.label(price);
    }
}
