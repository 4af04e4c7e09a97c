package org.scriptorium.reports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The operator's settings for reports and signals, under {@code scriptorium.reports.*}.
 *
 * @param perDay            how many reports one user may file in 24 hours
 * @param maxFiles          how many evidence files one report may carry
 * @param maxFileSize       the largest evidence file
 * @param maxTotalSize      the largest sum of a report's evidence files
 * @param maxTextCharacters the longest pasted evidence text
 * @param reward            what an upheld report earns its reporter
 * @param signals           when the library opens a case by itself
 */
@ConfigurationProperties("scriptorium.reports")
public record ReportsProperties(
        @DefaultValue("5") int perDay,
        @DefaultValue("100") int maxFiles,
        @DefaultValue("10MB") DataSize maxFileSize,
        @DefaultValue("30MB") DataSize maxTotalSize,
        @DefaultValue("200000") int maxTextCharacters,
        @DefaultValue Reward reward,
        @DefaultValue Signals signals) {

    /**
     * The reward plan: the plan with id {@code planId} when one is given; otherwise the plan named {@code planName}
     * lasting {@code days}, created with {@code backCatalogDays} the first time it is needed.
     */
    public record Reward(
            @DefaultValue("") String planId,
            @DefaultValue("一年会员") String planName,
            @DefaultValue("365") int days,
            @DefaultValue("1095") int backCatalogDays) {
    }

    /**
     * When a member's use of their account becomes a case for review (never an automatic ban).
     *
     * @param dailyDownloads the most distinct materials a member may download in one day (in the library's zone);
     *                       a download beyond it is refused and opens a case
     * @param windowMinutes  the window in which addresses and devices are counted
     * @param maxAddresses   more distinct network addresses than this within the window opens a case
     * @param maxAgents      more distinct browsers or devices (user agents) than this within the window opens a case
     */
    public record Signals(
            @DefaultValue("50") int dailyDownloads,
            @DefaultValue("60") int windowMinutes,
            @DefaultValue("5") int maxAddresses,
            @DefaultValue("5") int maxAgents) {
    }
}
