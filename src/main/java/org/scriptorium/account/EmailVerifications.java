package org.scriptorium.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.scriptorium.common.AttemptLimit;
import org.scriptorium.common.Rejected;
import org.scriptorium.mail.MailOutbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whether an account's owner has shown that the address is theirs, by following the link of a verification letter
 * (sent at registration and again on request) or of a password-reset letter. An unverified account may do
 * everything a verified one may: the mark tells staff and later features whether letters reach the owner.
 */
@Service
public class EmailVerifications {

    private final OneTimeLinks links;
    private final AccountRepository accounts;
    private final MailOutbox outbox;
    private final AccountLetters letters;
    private final Clock clock;
    private final AttemptLimit resends;
    private final TransactionTemplate transaction;

    EmailVerifications(OneTimeLinks links, AccountRepository accounts, MailOutbox outbox, AccountLetters letters,
                       Clock clock, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.links = links;
        this.accounts = accounts;
        this.outbox = outbox;
        this.letters = letters;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.resends = new AttemptLimit(jdbc, transactions, clock, "verify-resend", 3, Duration.ofHours(1));
    }

    /** Whether the account's current address is verified (false for an unknown account). */
    public boolean verified(String userId) {
        return userId != null && links.emailVerified(userId);
    }

    /** Queues a verification letter in the caller's transaction; an earlier letter's link stops working. */
    @Transactional(propagation = Propagation.MANDATORY)
    void send(Account account) {
        Instant now = clock.instant();
        links.endUnused(account.id(), OneTimeLink.Purpose.EMAIL_VERIFICATION, now);
        OneTimeLink.Issued issued = OneTimeLink.issue(account.id(), OneTimeLink.Purpose.EMAIL_VERIFICATION,
                account.email(), now);
        links.insert(issued.link());
        outbox.queue(letters.emailVerification(account, issued.token()));
    }

    /**
     * Sends the letter again at the owner's request, three times an hour at most.
     *
     * @return false when the address is already verified (nothing is sent)
     * @throws Rejected 429 {@code TOO_MANY_ATTEMPTS} after three requests within an hour
     */
    public boolean resend(String userId) {
        if (verified(userId)) {
            return false;
        }
        Optional<Duration> wait = resends.tryAcquire(userId); // outside the transaction: the count must stay
        if (wait.isPresent()) {
            long minutes = Rejected.minutes(wait.get());
            throw Rejected.tooMany("TOO_MANY_ATTEMPTS", "验证邮件发送过于频繁，请 " + minutes + " 分钟后再试。",
                    "Too many verification letters; try again in " + minutes + " minutes.", wait.get());
        }
        transaction.executeWithoutResult(status -> accounts.findById(userId).ifPresent(this::send));
        return true;
    }

    /**
     * Follows a verification link: the address it was sent to is marked verified (if it is still the account's).
     *
     * @throws Rejected 400 {@code VERIFY_LINK_INVALID} for a link that is unknown, used or expired
     */
    @Transactional
    public void verify(String token) {
        Instant now = clock.instant();
        OneTimeLink link = (OneTimeLink.wellFormed(token) ? links.lockByHash(OneTimeLink.hash(token))
                : Optional.<OneTimeLink>empty())
                .filter(l -> l.usable(OneTimeLink.Purpose.EMAIL_VERIFICATION, now))
                .orElseThrow(() -> new Rejected(400, "VERIFY_LINK_INVALID",
                        "验证链接无效或已过期，请在“我的会员”页重新发送验证邮件。",
                        "The verification link is unknown, used or expired; ask for a new letter on /me."));
        links.endUnused(link.userId(), OneTimeLink.Purpose.EMAIL_VERIFICATION, now);
        links.markVerified(link.userId(), link.email(), now);
    }
}
