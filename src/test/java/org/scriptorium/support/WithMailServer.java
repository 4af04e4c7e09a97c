package org.scriptorium.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * For an {@link IntegrationTest} whose application sends mail: a real SMTP server (GreenMail) in the test JVM, one
 * per JVM on a port of its own, and the settings that point the application at it with short retry delays. Every
 * test class that implements this shares one application context (the property source is the same method).
 */
public interface WithMailServer {

    /** The sender's address the application is given. */
    String FROM = "noreply@scriptorium.test";

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        MailServer.running();
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MailServer.PORT);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> "5000");
        registry.add("scriptorium.mail.from", () -> FROM);
        registry.add("scriptorium.mail.retry-delays", () -> "1s,1s,1s,1s,1s,1s,1s,1s");
        registry.add("scriptorium.mail.poll", () -> "250ms");
    }

    /** The test JVM's SMTP server, which a test may stop and start again (on the same port) to play an outage. */
    final class MailServer {

        static final int PORT = freePort();
        private static final AtomicReference<GreenMail> SERVER = new AtomicReference<>();

        private MailServer() {
        }

        /** The server, started if it was not running. */
        public static synchronized GreenMail running() {
            GreenMail server = SERVER.get();
            if (server == null || !server.isRunning()) {
                server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
                server.start();
                SERVER.set(server);
            }
            return server;
        }

        /** Stops the server: connections are refused until {@link #running} starts a new one. */
        public static synchronized void stop() {
            GreenMail server = SERVER.getAndSet(null);
            if (server != null) {
                server.stop();
            }
        }

        /** Every letter the running server received for {@code address}. */
        public static List<MimeMessage> lettersTo(String address) {
            return lettersTo(address, "");
        }

        /** Every letter the running server received for {@code address} whose subject contains {@code subject}. */
        public static List<MimeMessage> lettersTo(String address, String subject) {
            return Arrays.stream(running().getReceivedMessages())
                    .filter(m -> to(m).equalsIgnoreCase(address) && subject(m).contains(subject)).toList();
        }

        /** Waits (up to 15 s) until {@code count} letters for {@code address} arrived, and returns them all. */
        public static List<MimeMessage> awaitLetters(String address, int count) {
            return awaitLetters(address, "", count);
        }

        /** Waits (up to 15 s) until {@code count} letters with the subject arrived for the address; returns them. */
        public static List<MimeMessage> awaitLetters(String address, String subject, int count) {
            Instant until = Instant.now().plus(Duration.ofSeconds(15));
            List<MimeMessage> letters = lettersTo(address, subject);
            while (letters.size() < count && Instant.now().isBefore(until)) {
                running().waitForIncomingEmail(200, Integer.MAX_VALUE);
                letters = lettersTo(address, subject);
            }
            assertThat(letters).as("letters to " + address + " about " + subject).hasSizeGreaterThanOrEqualTo(count);
            return letters;
        }

        /** The text of a letter, decoded. */
        public static String text(MimeMessage letter) {
            try {
                return letter.getContent().toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The first link in the letter to {@code path} ({@code /password/reset} …), absolute as the letter has it. */
        public static String link(MimeMessage letter, String path) {
            Matcher m = Pattern.compile("https?://\\S+" + Pattern.quote(path) + "\\?token=[A-Za-z0-9_%-]+")
                    .matcher(text(letter));
            assertThat(m.find()).as("a link to " + path + " in: " + text(letter)).isTrue();
            return m.group();
        }

        private static String subject(MimeMessage m) {
            try {
                return m.getSubject() == null ? "" : m.getSubject();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String to(MimeMessage m) {
            try {
                return ((InternetAddress) m.getAllRecipients()[0]).getAddress();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
