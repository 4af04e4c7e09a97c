package org.scriptorium.library;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Optional;
import org.scriptorium.common.Rejected;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Limits how fast one account and one client address search ({@link SearchRate}): search answers are cheap to ask
 * and costly to give, and a scraper asking without pause would crowd out readers.
 */
@Component
class SearchThrottle {

    private final boolean enabled;
    private final TokenBuckets byAddress;
    private final TokenBuckets byAccount;

    SearchThrottle(SearchRate rate, Clock clock) {
        this.enabled = rate.enabled();
        this.byAddress = new TokenBuckets(rate.addressBurst(), rate.addressPerMinute(), rate.maxKeys(), clock);
        this.byAccount = new TokenBuckets(rate.accountBurst(), rate.accountPerMinute(), rate.maxKeys(), clock);
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
