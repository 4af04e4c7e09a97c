package org.scriptorium.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends the outbox's letters by SMTP: at once after the transaction that queued one commits, and every
 * {@code poll} for letters that came due again (a retry, or one queued on another node). Each letter is claimed
 * before it is sent, so of several nodes exactly one sends it; a failed attempt is retried after the
 * {@link RetrySchedule}'s delay, with its error kept. Without an SMTP host ({@code spring.mail.host}) there is no
 * {@link JavaMailSender} and nothing is sent: letters stay queued and {@code /admin/mail} shows them.
 *
 * <p>A node that stops between the server's acceptance and {@link JdbcMailOutbox#markSent} leaves a letter that
 * another node sends again once the claim runs out: at most one duplicate after a crash, never a lost letter.
 */
@Component
@EnableConfigurationProperties(OutboxSettings.class)
class OutboxSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private final JdbcMailOutbox outbox;
    private final JavaMailSender smtp;
    private final OutboxSettings settings;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("mail-outbox").factory());
    /** A look is asked for while one runs: run one more after it, rather than queue one per letter. */
    private final AtomicBoolean pending = new AtomicBoolean();

    OutboxSender(JdbcMailOutbox outbox, ObjectProvider<JavaMailSender> smtp, OutboxSettings settings, Clock clock) {
        this.outbox = outbox;
        this.smtp = smtp.getIfAvailable();
        this.settings = settings;
        this.schedule = settings.schedule();
        this.clock = clock;
    }

    /** Whether letters are sent at all (an SMTP host is configured). */
    boolean sending() {
        return smtp != null;
    }

    RetrySchedule schedule() {
        return schedule;
    }

    @EventListener(ApplicationStartedEvent.class)
    void start() {
        if (smtp == null) {
            log.info("No SMTP host (spring.mail.host): letters stay in the mail outbox, listed at /admin/mail");
            return;
        }
        long poll = settings.poll().toMillis();
        worker.scheduleWithFixedDelay(this::wake, 0, poll, TimeUnit.MILLISECONDS);
    }

    /** A letter was queued: send it once its transaction has committed (at once when there was none). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void queued(LetterQueued letter) {
        wake();
    }

    /** Asks the worker for a look, unless one is already waiting to run. */
    void wake() {
        if (smtp != null && pending.compareAndSet(false, true)) {
            worker.execute(() -> {
                pending.set(false);
                try {
                    sendDue();
                } catch (RuntimeException e) {
                    log.warn("Mail outbox: a look failed; the next poll tries again", e);
                }
            });
        }
    }

    /**
     * Sends every letter due now that this call manages to claim, each at most once.
     *
     * @return how many the SMTP server accepted
     */
    int sendDue() {
        if (smtp == null) {
            return 0;
        }
        int sent = 0;
        Instant now = clock.instant();
        for (String id : outbox.due(now, schedule.maxAttempts(), settings.batch())) {
            Optional<JdbcMailOutbox.Claimed> claimed = outbox.claim(id, now, now.plus(settings.claim()),
                    schedule.maxAttempts());
            if (claimed.isPresent() && send(claimed.get())) {
                sent++;
            }
        }
        return sent;
    }

    private boolean send(JdbcMailOutbox.Claimed claimed) {
        try {
            MimeMessage message = smtp.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(settings.from());
            helper.setTo(claimed.letter().to());
            helper.setSubject(claimed.letter().subject());
            helper.setText(claimed.letter().text(), false);
            smtp.send(message);
            if (!outbox.markSent(claimed, clock.instant())) {
                log.warn("Mail outbox: letter {} was sent after its claim ran out; another node may send it too",
                        claimed.id());
            }
            return true;
        } catch (MailException | MessagingException e) {
            Optional<Duration> wait = schedule.after(claimed.attempt());
            Instant next = wait.map(clock.instant()::plus).orElse(null);
            outbox.markFailed(claimed, next, schedule.maxAttempts(), describe(e));
            log.warn("Mail outbox: letter {} ({}) not sent on attempt {}: {}; {}", claimed.id(),
                    claimed.letter().kind(), claimed.attempt(), describe(e),
                    next == null ? "given up" : "retrying at " + next);
            return false;
        }
    }

    /** The exception's message and its causes', which is where JavaMail says what the server answered. */
    private static String describe(Exception e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 1000; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" ← ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
