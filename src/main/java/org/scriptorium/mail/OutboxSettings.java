package org.scriptorium.mail;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How letters leave the outbox, under {@code scriptorium.mail.*}. The SMTP server itself is Spring Boot's
 * {@code spring.mail.host/port/username/password}; without a host nothing is sent and letters stay queued.
 *
 * @param from         the sender's address on every letter, e.g. {@code 笔杆子文库 <noreply@wenku.example.cn>}
 * @param retryDelays  the wait after the first, second … failed attempt; after the last one the letter is given up
 *                     (it stays in the outbox, shown as failed, until an administrator sends it again)
 * @param poll         how often a node looks for letters that came due (a queued letter is also sent at once)
 * @param claim        how long a node holds a letter it is sending; another node takes it over after that
 * @param batch        the most letters one look sends
 */
@ConfigurationProperties("scriptorium.mail")
record OutboxSettings(
        @DefaultValue("noreply@localhost") String from,
        @DefaultValue({"1m", "5m", "30m", "2h", "6h", "12h"}) List<Duration> retryDelays,
        @DefaultValue("30s") Duration poll,
        @DefaultValue("2m") Duration claim,
        @DefaultValue("50") int batch) {

    OutboxSettings {
        retryDelays = List.copyOf(retryDelays);
        if (poll.isNegative() || poll.isZero() || claim.isNegative() || claim.isZero() || batch < 1) {
            throw new IllegalArgumentException("scriptorium.mail: poll and claim must be positive, batch at least 1");
        }
    }

    RetrySchedule schedule() {
        return new RetrySchedule(retryDelays);
    }
}
