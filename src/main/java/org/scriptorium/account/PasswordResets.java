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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A forgotten password, reset through a link sent to the account's address. Asking answers the same whether or not
 * the address has an account (so it tells nobody who is registered), and is limited per address and per client
 * network. The link works once, for 30 minutes; a newer letter's link replaces an older one. Resetting ends every
 * session and token of the account, as a password change does, and counts as a verification of the address.
 */
@Service
class PasswordResets {

    static final int PER_EMAIL = 3;
    static final int PER_NETWORK = 20;
    static final Duration WINDOW = Duration.ofHours(1);

    private final Accounts accounts;
    private final OneTimeLinks links;
    private final MailOutbox outbox;
    private final AccountLetters letters;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final AttemptLimit perEmail;
    private final AttemptLimit perNetwork;
    private final PasswordPolicy policy = PasswordPolicy.standard();

    PasswordResets(Accounts accounts, OneTimeLinks links, MailOutbox outbox, AccountLetters letters, Clock clock,
                   JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.links = links;
        this.outbox = outbox;
        this.letters = letters;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.perEmail = new AttemptLimit(jdbc, transactions, clock, "reset-email", PER_EMAIL, WINDOW);
        this.perNetwork = new AttemptLimit(jdbc, transactions, clock, "reset-address", PER_NETWORK, WINDOW);
    }

    /**
     * Sends a reset letter if the address belongs to an account; the caller answers the same either way.
     *
     * @param address the client's IP address, or null when unknown
     * @throws Rejected 422 {@code INVALID_EMAIL} for something that is no address at all; 429
     *                  {@code TOO_MANY_ATTEMPTS} (with {@code Retry-After}) after {@value #PER_EMAIL} requests for one
     *                  address or {@value #PER_NETWORK} from one network within an hour, known address or not
     */
    void request(String email, String address) {
        String key = email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT);
        if (key.isEmpty() || key.length() > 254 || !key.contains("@")) {
            throw Rejected.invalid("INVALID_EMAIL", "请输入有效的邮箱地址。", "Enter a valid e-mail address.");
        }
        String network = AttemptLimit.clientNetwork(address);
        Optional<Duration> wait = network == null ? Optional.empty() : perNetwork.tryAcquire(network);
        if (wait.isEmpty()) {
            wait = perEmail.tryAcquire(key);
        }
        if (wait.isPresent()) {
            long minutes = Rejected.minutes(wait.get());
            throw Rejected.tooMany("TOO_MANY_ATTEMPTS", "找回密码的请求过于频繁，请 " + minutes + " 分钟后再试。",
                    "Too many reset requests; try again in " + minutes + " minutes.", wait.get());
        }
        accounts.findByEmail(key).ifPresent(account -> transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            links.endUnused(account.id(), OneTimeLink.Purpose.PASSWORD_RESET, now);
            links.pruneEnded(now.minus(Duration.ofDays(1)));
            OneTimeLink.Issued issued = OneTimeLink.issue(account.id(), OneTimeLink.Purpose.PASSWORD_RESET,
                    account.email(), now);
            links.insert(issued.link());
            outbox.queue(letters.passwordReset(account, issued.token()));
        }));
    }

    /** Whether the token is a reset link that works now (for the page that asks for the new password). */
    boolean usable(String token) {
        return Boolean.TRUE.equals(transaction.execute(status -> link(token).isPresent()));
    }

    /**
     * Sets the new password through a reset link, which then stops working.
     *
     * @throws Rejected 400 {@code RESET_LINK_INVALID} for a link that is unknown, used or expired; 422
     *                  {@code WEAK_PASSWORD} (with {@code rule}) for a password that breaks a rule (the link still
     *                  works, to try another)
     */
    void reset(String token, String newPassword) {
        String email = transaction.execute(status -> {
            OneTimeLink link = link(token).orElseThrow(PasswordResets::invalid);
            policy.require(newPassword);
            Instant now = clock.instant();
            links.endUnused(link.userId(), OneTimeLink.Purpose.PASSWORD_RESET, now);
            links.markVerified(link.userId(), link.email(), now);
            return accounts.resetPassword(link.userId(), newPassword).email();
        });
        // Outside the transaction (the count keeps one of its own): the owner may sign in at once with it.
        accounts.clearSignInFailures(email);
    }

    private Optional<OneTimeLink> link(String token) {
        if (!OneTimeLink.wellFormed(token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return links.lockByHash(OneTimeLink.hash(token)).filter(l -> l.usable(OneTimeLink.Purpose.PASSWORD_RESET, now));
    }

    static Rejected invalid() {
        return new Rejected(400, "RESET_LINK_INVALID", "重置链接无效、已使用或已过期（有效期 30 分钟），请重新找回密码。",
                "The reset link is unknown, used or expired (links last 30 minutes); ask for a new one.");
    }
}
