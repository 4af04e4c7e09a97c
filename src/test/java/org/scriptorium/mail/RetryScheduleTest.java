package org.scriptorium.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(
            List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30)));

    @Test
    @DisplayName("the n-th failure waits the n-th delay; after the last delay the letter is given up")
    void backoffThenGiveUp() {
        assertThat(schedule.after(1)).contains(Duration.ofMinutes(1));
        assertThat(schedule.after(2)).contains(Duration.ofMinutes(5));
        assertThat(schedule.after(3)).contains(Duration.ofMinutes(30));
        assertThat(schedule.after(4)).isEmpty();
        assertThat(schedule.maxAttempts()).isEqualTo(4);
    }

    @Test
    @DisplayName("no delays: one attempt and no retry; a delay that is not positive is refused")
    void edges() {
        assertThat(new RetrySchedule(List.of()).after(1)).isEmpty();
        assertThat(new RetrySchedule(List.of()).maxAttempts()).isEqualTo(1);
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ZERO))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule.after(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the outbox page shows a link's token cut to four characters, and leaves the rest of the letter")
    void tokensMasked() {
        String body = "打开 https://wenku.example.cn/password/reset?token=AbCd_efGH-1234567890abcdefghij 设置新密码";
        assertThat(LinkTokens.mask(body))
                .isEqualTo("打开 https://wenku.example.cn/password/reset?token=AbCd… 设置新密码");
        assertThat(LinkTokens.mask("no link here")).isEqualTo("no link here");
    }
}
