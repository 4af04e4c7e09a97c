package org.scriptorium.reports;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.delivery.CopyDelivered;
import org.scriptorium.delivery.DeliveryLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Watches every delivery for one account used from many addresses or devices at once ({@link SharedAccountRule}) and
 * opens a case, once a day per account, for an editor to review. It never refuses anything itself.
 */
@Component
class SharedAccountWatch {

    private static final Logger log = LoggerFactory.getLogger(SharedAccountWatch.class);

    private final SharedAccountRule rule;
    private final Duration window;
    private final DeliveryLedger ledger;
    private final Accounts accounts;
    private final SignalCases signals;
    private final ZoneId zone;

    SharedAccountWatch(ReportsProperties properties, DeliveryLedger ledger, Accounts accounts, SignalCases signals,
                       ScriptoriumProperties scriptorium) {
        this.rule = new SharedAccountRule(properties.signals().maxAddresses(), properties.signals().maxAgents());
        this.window = Duration.ofMinutes(properties.signals().windowMinutes());
        this.ledger = ledger;
        this.accounts = accounts;
        this.signals = signals;
        this.zone = scriptorium.zone();
    }

    @EventListener
    void delivered(CopyDelivered delivery) {
        try {
            LocalDate day = DownloadCap.day(delivery.deliveredAt(), zone);
            String key = "DEVICES:" + delivery.userId() + ":" + day;
            if (signals.opened(key) || accounts.find(delivery.userId()).map(Account::staff).orElse(true)) {
                return;
            }
            var uses = ledger.originsSince(delivery.userId(), delivery.deliveredAt().minus(window)).stream()
                    .map(o -> new SharedAccountRule.Use(o.address(), o.userAgent())).toList();
            Optional<SharedAccountRule.Finding> finding = rule.judge(uses);
            if (finding.isPresent()) {
                signals.open(ReportKind.DEVICE_SIGNAL, delivery.userId(), key, window.toMinutes() + " 分钟内，该账号从 "
                        + finding.get().addresses() + " 个不同地址、" + finding.get().agents() + " 种不同的浏览器或设备取用资料。");
            }
        } catch (DataIntegrityViolationException raced) {
            log.debug("Device signal for {} already opened", delivery.userId());
        } catch (RuntimeException e) {
            // A watch that fails must not cost the reader their copy.
            log.error("Could not check deliveries to {} for shared use", delivery.userId(), e);
        }
    }
}
