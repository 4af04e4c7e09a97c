package org.scriptorium.library;

import java.time.Clock;
import org.scriptorium.common.DatabaseRateBuckets;
import org.scriptorium.common.RateBuckets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * How often one account and one client address may search and look up passages, under
 * {@code scriptorium.search.rate.*}: bursts for a person paging through results, a steady rate far above reading and
 * far below scraping.
 *
 * @param enabled          off only for benchmarks that search from one address as fast as they can
 * @param addressBurst     requests one client address may make at once
 * @param addressPerMinute requests one client address earns back per minute
 * @param accountBurst     requests one signed-in account may make at once, from any address
 * @param accountPerMinute requests one signed-in account earns back per minute
 * @param maxKeys          accounts and addresses remembered, each (memory stays bounded; {@code memory} store only)
 * @param store            where the buckets are counted (issue 17): {@code database} (every node spends from the same
 *                         bucket, so the limits hold for the cluster: one small UPDATE per search) or {@code memory}
 *                         (this node only: behind a proxy with N nodes a client gets N times the rate)
 */
@ConfigurationProperties("scriptorium.search.rate")
public record SearchRate(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("600") int addressBurst,
        @DefaultValue("300") int addressPerMinute,
        @DefaultValue("300") int accountBurst,
        @DefaultValue("120") int accountPerMinute,
        @DefaultValue("50000") int maxKeys,
        @DefaultValue("database") Store store) {

    /** Where rates are counted. */
    public enum Store { MEMORY, DATABASE }

    /** Buckets of {@code burst} requests earned back at {@code perMinute}, in this rate's store under {@code scope}. */
    RateBuckets buckets(String scope, int burst, double perMinute, int keys, JdbcClient jdbc,
                        PlatformTransactionManager transactions, Clock clock) {
        return store == Store.DATABASE
                ? new DatabaseRateBuckets(jdbc, transactions, clock, scope, burst, perMinute)
                : new TokenBuckets(burst, perMinute, keys, clock);
    }
}
