package org.scriptorium.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.WithMailServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox sent through a real SMTP server (GreenMail): delivery, an outage with retries, several senders at once. */
class OutboxSenderTest extends IntegrationTest implements WithMailServer {

    @Autowired
    MailOutbox outbox;
    @Autowired
    JdbcMailOutbox rows;
    @Autowired
    OutboxSettings settings;
    @Autowired
    Clock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ApplicationContext context;

    @AfterEach
    void serverUp() {
        MailServer.running();
    }

    private static String address() {
        return "m" + UUID.randomUUID().toString().substring(0, 8) + "@mail.test";
    }

    private String queueCommitted(Letter letter) {
        return new TransactionTemplate(transactions).execute(status -> outbox.queue(letter));
    }

    private Instant sentAt(String id) {
        return jdbc.sql("SELECT sent_at FROM mail_outbox WHERE id = ?").param(id)
                .query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class)).optional()
                .map(java.time.OffsetDateTime::toInstant).orElse(null);
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(15);
        while (!condition.get()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    @DisplayName("a queued letter is delivered by SMTP once its transaction commits, in UTF-8 from the configured sender, and marked sent")
    void delivered() throws Exception {
        String to = address();
        String id = queueCommitted(new Letter(to, "【笔杆子文库】测试", "正文：县委办公室\n第二行", "TEST"));
        MimeMessage letter = MailServer.awaitLetters(to, 1).getFirst();
        assertThat(letter.getSubject()).isEqualTo("【笔杆子文库】测试");
        assertThat(((InternetAddress) letter.getFrom()[0]).getAddress()).isEqualTo(FROM);
        assertThat(MailServer.text(letter)).contains("正文：县委办公室").contains("第二行");
        await("marked sent", () -> sentAt(id) != null);
    }

    @Test
    @DisplayName("a letter queued in a transaction that rolls back is never sent")
    void rolledBack() throws Exception {
        String to = address();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            outbox.queue(new Letter(to, "不应发出", "x", "TEST"));
            status.setRollbackOnly();
        });
        String after = address();
        queueCommitted(new Letter(after, "之后的信", "x", "TEST"));
        MailServer.awaitLetters(after, 1);
        assertThat(MailServer.lettersTo(to)).isEmpty();
    }

    @Test
    @DisplayName("while the SMTP server is down a letter stays queued with its error and is retried; it is delivered once the server is back, exactly once")
    void retriedUntilTheServerIsBack() throws Exception {
        MailServer.stop();
        String to = address();
        String id = queueCommitted(new Letter(to, "服务器恢复后送达", "正文", "TEST"));
        await("two failed attempts", () -> jdbc.sql("SELECT attempts FROM mail_outbox WHERE id = ?").param(id)
                .query(Integer.class).single() >= 2);
        OutboxEntry waiting = rows.newest(200, settings.schedule().maxAttempts()).stream()
                .filter(e -> e.id().equals(id)).findFirst().orElseThrow();
        assertThat(waiting.state()).isEqualTo(OutboxEntry.State.RETRYING);
        assertThat(waiting.lastError()).isNotBlank();
        assertThat(waiting.sentAt()).isNull();

        MailServer.running();
        MailServer.awaitLetters(to, 1);
        await("marked sent", () -> sentAt(id) != null);
        Thread.sleep(1500); // longer than a retry delay and several polls: a second copy would have come by now
        assertThat(MailServer.lettersTo(to)).hasSize(1);
        assertThat(jdbc.sql("SELECT last_error FROM mail_outbox WHERE id = ?").param(id).query(String.class).optional())
                .isEmpty();
    }

    @Test
    @DisplayName("several senders (as on several nodes) working the same outbox at once send each letter exactly once")
    void noDuplicates() throws Exception {
        List<String> recipients = new ArrayList<>();
        List<String> ids = new TransactionTemplate(transactions).execute(status -> {
            List<String> queued = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String to = address();
                recipients.add(to);
                queued.add(outbox.queue(new Letter(to, "第 " + i + " 封", "正文 " + i, "TEST")));
            }
            return queued;
        });
        OutboxSender other = new OutboxSender(rows, context.getBeanProvider(JavaMailSender.class), settings, clock);
        OutboxSender third = new OutboxSender(rows, context.getBeanProvider(JavaMailSender.class), settings, clock);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> looks = List.of(other::sendDue, third::sendDue);
            nodes.invokeAll(looks);
        } finally {
            nodes.shutdown();
            other.destroy();
            third.destroy();
        }
        await("all 30 marked sent", () -> ids.stream().allMatch(id -> sentAt(id) != null));
        Thread.sleep(500);
        for (String to : recipients) {
            assertThat(MailServer.lettersTo(to)).as("letters to " + to).hasSize(1);
        }
    }

    @Test
    @DisplayName("of two claims on one letter only the first holds it; once the claim has run out (its node stopped) another node takes it over")
    void claims() throws Exception {
        MailServer.stop(); // the live sender fails the letter once and then leaves it until it is due again
        String id = queueCommitted(new Letter(address(), "接管", "正文", "TEST"));
        await("one failed attempt", () -> jdbc.sql("SELECT attempts FROM mail_outbox WHERE id = ?").param(id)
                .query(Integer.class).single() >= 1);
        int max = settings.schedule().maxAttempts();
        Instant later = clock.instant().plus(Duration.ofHours(1)); // due by then, whatever the live sender did
        JdbcMailOutbox.Claimed first = rows.claim(id, later, later.plus(Duration.ofMinutes(2)), max).orElseThrow();
        assertThat(rows.claim(id, later, later.plus(Duration.ofMinutes(2)), max)).as("held by the first").isEmpty();
        assertThat(rows.claim(id, later.plus(Duration.ofMinutes(1)), later.plus(Duration.ofMinutes(3)), max))
                .as("still held").isEmpty();
        JdbcMailOutbox.Claimed second = rows.claim(id, later.plus(Duration.ofMinutes(2)),
                later.plus(Duration.ofMinutes(4)), max).orElseThrow(() -> new AssertionError("the claim ran out"));
        rows.markFailed(first, later, max, "the first node, finishing late");
        assertThat(rows.markSent(first, later)).as("the first node's claim was taken over: it changes nothing").isFalse();
        assertThat(sentAt(id)).isNull();
        assertThat(rows.markSent(second, later.plus(Duration.ofMinutes(3)))).isTrue();
        assertThat(sentAt(id)).isNotNull();
    }
}
