package org.scriptorium.community;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The limits on consultation (咨询), under {@code scriptorium.consultation.*}: how many conversations may be opened
 * and messages written per hour. Staff answers are not limited.
 *
 * @param visitorPerAddress conversations visitors may open per hour from one client address (an IPv6 /64)
 * @param visitorPerEmail   conversations visitors may open per hour for one e-mail address (each one sends a letter)
 * @param accountPerHour    conversations one signed-in account may open per hour
 * @param messagesPerHour   messages an asker may add per hour: per account, or per conversation for a visitor
 */
@ConfigurationProperties("scriptorium.consultation")
record ConsultationProperties(
        @DefaultValue("5") int visitorPerAddress,
        @DefaultValue("3") int visitorPerEmail,
        @DefaultValue("10") int accountPerHour,
        @DefaultValue("30") int messagesPerHour) {
}
