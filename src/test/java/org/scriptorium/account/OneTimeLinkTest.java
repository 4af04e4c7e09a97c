package org.scriptorium.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OneTimeLinkTest {

    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

    private static OneTimeLink.Issued reset() {
        return OneTimeLink.issue("u1", OneTimeLink.Purpose.PASSWORD_RESET, "a@example.cn", NOW);
    }

    @Test
    @DisplayName("a reset link works for 30 minutes: at 29:59 yes, at 30:00 no")
    void thirtyMinutes() {
        OneTimeLink link = reset().link();
        assertThat(link.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(link.usable(OneTimeLink.Purpose.PASSWORD_RESET, NOW)).isTrue();
        assertThat(link.usable(OneTimeLink.Purpose.PASSWORD_RESET, NOW.plus(Duration.ofSeconds(30 * 60 - 1)))).isTrue();
        assertThat(link.usable(OneTimeLink.Purpose.PASSWORD_RESET, NOW.plus(Duration.ofMinutes(30)))).isFalse();
    }

    @Test
    @DisplayName("a link works once: used, it no longer works, even within its 30 minutes")
    void singleUse() {
        OneTimeLink used = reset().link().usedAt(NOW.plusSeconds(60));
        assertThat(used.usable(OneTimeLink.Purpose.PASSWORD_RESET, NOW.plusSeconds(61))).isFalse();
    }

    @Test
    @DisplayName("only the token's SHA-256 is kept: the stored link holds no token, and the token hashes to what is stored")
    void hashOnly() {
        OneTimeLink.Issued issued = reset();
        assertThat(issued.link().tokenHash()).hasSize(64).matches("[0-9a-f]{64}")
                .isEqualTo(OneTimeLink.hash(issued.token()))
                .doesNotContain(issued.token());
        assertThat(issued.link().toString()).doesNotContain(issued.token());
        assertThat(OneTimeLink.wellFormed(issued.token())).isTrue();
        assertThat(reset().token()).as("each link its own token").isNotEqualTo(issued.token());
    }

    @Test
    @DisplayName("a reset link verifies nothing and a verification link resets nothing; verification links last 3 days")
    void purposes() {
        assertThat(reset().link().usable(OneTimeLink.Purpose.EMAIL_VERIFICATION, NOW)).isFalse();
        OneTimeLink verify = OneTimeLink.issue("u1", OneTimeLink.Purpose.EMAIL_VERIFICATION, "a@example.cn", NOW).link();
        assertThat(verify.usable(OneTimeLink.Purpose.PASSWORD_RESET, NOW)).isFalse();
        assertThat(verify.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(3)));
    }

    @Test
    @DisplayName("what could not have come from a letter is not looked up at all")
    void wellFormed() {
        assertThat(OneTimeLink.wellFormed(null)).isFalse();
        assertThat(OneTimeLink.wellFormed("")).isFalse();
        assertThat(OneTimeLink.wellFormed("x".repeat(42))).isFalse();
        assertThat(OneTimeLink.wellFormed("' OR 1=1 --" + "x".repeat(32))).isFalse();
    }
}
