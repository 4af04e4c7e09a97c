package org.scriptorium.membership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.mail.Letter;
import org.scriptorium.mail.MailOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells members, by a bell notice and an e-mail, that their membership ends in {@link ExpiryNoticeRule#NOTICE}: a job
 * run every {@code scriptorium.membership.expiry-check} (default an hour) on every node. Each notice is recorded under
 * a unique key (member, end of period) in the transaction that writes the bell's event and queues the letter, so nodes
 * running at once, or a run repeated, never tell a member twice of the same end.
 */
@Component
class ExpiryNotices implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ExpiryNotices.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final MembershipRepository repository;
    private final Memberships memberships;
    private final Accounts accounts;
    private final MailOutbox mail;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ZoneId zone;
    private final String siteName;
    private final String publicUrl;
    private final Duration every;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("expiry-notices").factory());

    ExpiryNotices(MembershipRepository repository, Memberships memberships, Accounts accounts, MailOutbox mail,
                  ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions, ScriptoriumProperties properties,
                  @Value("${scriptorium.public-url:}") String publicUrl,
                  @Value("${scriptorium.membership.expiry-check:PT1H}") Duration every) {
        this.repository = repository;
        this.memberships = memberships;
        this.accounts = accounts;
        this.mail = mail;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.zone = properties.zone();
        this.siteName = properties.siteName();
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.every = every;
    }

    /** The first look one interval after start: a test's short-lived application never sends anything by itself. */
    @EventListener(ApplicationStartedEvent.class)
    void start() {
        long millis = Math.max(every.toMillis(), 1_000);
        worker.scheduleWithFixedDelay(this::runQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            int told = run();
            if (told > 0) {
                log.info("Expiry notices: told {} member(s) that their membership ends soon", told);
            }
        } catch (RuntimeException e) {
            log.warn("Expiry notices: the run failed; the next one tries again", e);
        }
    }

    /**
     * Tells every member whose notice is due ({@link ExpiryNoticeRule#due}) and records it; suspended accounts are
     * left until they are restored (they cannot redeem a code meanwhile).
     *
     * @return how many members were told in this run
     */
    int run() {
        Instant now = clock.instant();
        // A term ending within the notice window is where any due period end is (a period ends where a term ends).
        List<String> candidates = repository.usersWithTermsEnding(now, now.plus(ExpiryNoticeRule.NOTICE));
        int told = 0;
        for (String userId : candidates) {
            try {
                if (Boolean.TRUE.equals(transaction.execute(status -> tell(userId, now)))) {
                    told++;
                }
            } catch (DuplicateKeyException another) {
                // Another node recorded this very notice first: it is told, once.
            } catch (DataAccessException e) {
                // One member's failure (a lock timeout, say) must not keep the others waiting; the next run retries.
                log.warn("Expiry notices: could not tell user {}: {}", userId, e.toString());
            }
        }
        return told;
    }

    private boolean tell(String userId, Instant now) {
        Optional<Account> account = accounts.find(userId).filter(a -> !a.suspended());
        if (account.isEmpty()) {
            return false;
        }
        List<MembershipRepository.StoredTerm> stored = repository.terms(userId);
        List<MembershipTerm> terms = stored.stream().map(MembershipRepository.StoredTerm::term).toList();
        Set<Instant> noticed = Set.copyOf(repository.noticedEnds(userId));
        Optional<Instant> due = ExpiryNoticeRule.due(terms, now, noticed);
        if (due.isEmpty()) {
            return false;
        }
        Instant end = due.get();
        // First, so that of two nodes the second fails here, before anything else is written.
        repository.recordExpiryNotice(userId, end, now);
        events.publishEvent(new MembershipEnding(userId, end, end.atZone(zone).toLocalDate()));
        mail.queue(letter(account.get(), end, memberships.renewUrl(stored, end)));
        return true;
    }

    private Letter letter(Account account, Instant end, String renewUrl) {
        String day = DAY.format(end.atZone(zone));
        StringBuilder text = new StringBuilder()
                .append(account.displayName() == null || account.displayName().isBlank() ? "您好" : account.displayName() + "，您好")
                .append("：\n\n您在「").append(siteName).append("」的会员将于 ").append(day)
                .append(" 到期。到期后仍可浏览资料目录和预览，但不能阅读和下载会员资料全文。\n\n");
        if (renewUrl != null) {
            text.append("续费（购买激活码）：").append(renewUrl).append('\n');
        } else {
            text.append("续费：请选择在售套餐购买激活码").append(publicUrl.isEmpty() ? "。" : "：" + publicUrl + "/plans")
                    .append('\n');
        }
        text.append("会员期内兑换新的激活码，有效期自动顺延，阅读不中断。")
                .append(publicUrl.isEmpty() ? "" : "\n兑换激活码：" + publicUrl + "/me/redeem").append("\n");
        return new Letter(account.email(), "您的会员将于 " + day + " 到期", text.toString(), "MEMBERSHIP_ENDING");
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
