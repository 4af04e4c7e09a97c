package org.scriptorium.library;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
 * @param maxKeys          accounts and addresses remembered, each (memory stays bounded)
 */
@ConfigurationProperties("scriptorium.search.rate")
public record SearchRate(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("600") int addressBurst,
        @DefaultValue("300") int addressPerMinute,
        @DefaultValue("300") int accountBurst,
        @DefaultValue("120") int accountPerMinute,
        @DefaultValue("50000") int maxKeys) {
}
