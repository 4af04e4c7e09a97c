package org.scriptorium.library;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Optional;
import org.scriptorium.common.RateBuckets;
import org.scriptorium.common.Rejected;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Limits how fast one account and one client address search ({@link SearchRate}): search answers are cheap to ask
 * and costly to give, and a scraper asking without pause would crowd out readers. Counted where
 * {@link SearchRate#store()} says: in the database by default, so that the limits hold for every node together.
 */
@Component
class SearchThrottle {

    private final boolean enabled;
    private final RateBuckets byAddress;
    private final RateBuckets byAccount;

    @Autowired
    SearchThrottle(SearchRate rate, Clock clock, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this(rate.enabled(),
                rate.buckets("search-address", rate.addressBurst(), rate.addressPerMinute(), rate.maxKeys(), jdbc,
                        transactions, clock),
                rate.buckets("search-account", rate.accountBurst(), rate.accountPerMinute(), rate.maxKeys(), jdbc,
                        transactions, clock));
    }

    SearchThrottle(boolean enabled, RateBuckets byAddress, RateBuckets byAccount) {
        this.enabled = enabled;
        this.byAddress = byAddress;
        this.byAccount = byAccount;
    }

    /**
     * Counts one search of the current request's client and account.
     *
     * @throws Rejected 429 {@code RATE_LIMITED}, with {@code Retry-After} set on the response, when either has none left
     */
    void check(Optional<String> userId) {
        if (!enabled || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        HttpServletRequest request = attributes.getRequest();
        long wait = userId.map(byAccount::take).orElse(0L);
        if (wait == 0) {
            wait = byAddress.take(request.getRemoteAddr());
        }
        if (wait > 0) {
            HttpServletResponse response = attributes.getResponse();
            if (response != null) {
                response.setHeader("Retry-After", Long.toString(wait));
            }
            throw new Rejected(429, "RATE_LIMITED",
                    "搜索太频繁了，请 " + wait + " 秒后再试。",
                    "Too many searches; try again in " + wait + " seconds.");
        }
    }
}
