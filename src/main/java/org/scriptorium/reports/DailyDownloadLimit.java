package org.scriptorium.reports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.delivery.DeliveryLedger;
import org.scriptorium.delivery.DownloadPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Enforces the {@link DownloadCap} on every download: beyond it the download is refused with a clear message, and a
 * case is opened once that day for an editor to look at. Staff are not capped.
 */
@Component
class DailyDownloadLimit implements DownloadPolicy {

    private static final Logger log = LoggerFactory.getLogger(DailyDownloadLimit.class);

    private final DownloadCap cap;
    private final DeliveryLedger ledger;
    private final Accounts accounts;
    private final SignalCases signals;
    private final Clock clock;
    private final ZoneId zone;

    DailyDownloadLimit(ReportsProperties properties, DeliveryLedger ledger, Accounts accounts, SignalCases signals,
                       Clock clock, ScriptoriumProperties scriptorium) {
        this.cap = new DownloadCap(properties.signals().dailyDownloads());
        this.ledger = ledger;
        this.accounts = accounts;
        this.signals = signals;
        this.clock = clock;
        this.zone = scriptorium.zone();
    }

    @Override
    public void check(String userId, String materialId) {
        if (accounts.find(userId).map(Account::staff).orElse(false)) {
            return;
        }
        Instant now = clock.instant();
        Set<String> today = ledger.downloadedSince(userId, DownloadCap.startOfDay(now, zone));
        if (cap.allows(today, materialId)) {
            return;
        }
        LocalDate day = DownloadCap.day(now, zone);
        try {
            signals.open(ReportKind.DOWNLOAD_SIGNAL, userId, "DOWNLOADS:" + userId + ":" + day,
                    day + " 已下载 " + today.size() + " 篇不同的资料，达到每日上限 " + cap.perDay() + " 篇，之后的下载被拒绝。");
        } catch (DataIntegrityViolationException raced) {
            log.debug("Download signal for {} on {} already opened", userId, day);
        }
        throw Rejected.tooMany("DOWNLOAD_LIMIT_REACHED",
                "今天已下载 " + cap.perDay() + " 篇不同的资料，达到每日下载上限，请明天再下载。今天下载过的资料仍可再次下载；如确有需要，请联系运营方。",
                "You have downloaded " + cap.perDay() + " different materials today, the daily limit; try again tomorrow. "
                        + "Materials already downloaded today can be downloaded again.",
                Duration.between(now, day.plusDays(1).atStartOfDay(zone).toInstant()));
    }
}
