package org.scriptorium.reports;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognises one account used by many people at once: copies delivered to more distinct network addresses, or more
 * distinct browsers and devices, within one window than a single member plausibly uses. A member on a phone and a
 * desk computer, moving between mobile networks, stays well below; a shared or resold account does not. It only
 * opens a case for an editor to look at: mobile networks change addresses often, so it never bans by itself.
 */
final class SharedAccountRule {

    /** One delivery's origin, as the ledger recorded it; either part may be null when unknown. */
    record Use(String address, String userAgent) {
    }

    private final int maxAddresses;
    private final int maxAgents;

    /** @throws IllegalArgumentException if a maximum is not positive */
    SharedAccountRule(int maxAddresses, int maxAgents) {
        if (maxAddresses < 1 || maxAgents < 1) {
            throw new IllegalArgumentException("the maxima must be positive: " + maxAddresses + ", " + maxAgents);
        }
        this.maxAddresses = maxAddresses;
        this.maxAgents = maxAgents;
    }

    /** What was found, counted over the window. */
    record Finding(long addresses, long agents) {
    }

    /**
     * @param uses the deliveries to one account within the window
     * @return the counts when either exceeds its maximum; empty otherwise (unknown origins are not counted)
     */
    Optional<Finding> judge(Collection<Use> uses) {
        Objects.requireNonNull(uses, "uses");
        long addresses = uses.stream().map(Use::address).filter(Objects::nonNull).distinct().count();
        long agents = uses.stream().map(Use::userAgent).filter(Objects::nonNull).distinct().count();
        if (addresses > maxAddresses || agents > maxAgents) {
            return Optional.of(new Finding(addresses, agents));
        }
        return Optional.empty();
    }
}
