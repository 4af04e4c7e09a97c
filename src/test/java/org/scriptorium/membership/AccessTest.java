package org.scriptorium.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("An access decision")
class AccessTest {

    @Test
    @DisplayName("is full only at level FULL")
    void full() {
        assertThat(new Access(Access.Level.FULL, Access.Reason.MEMBER).full()).isTrue();
        assertThat(new Access(Access.Level.PREVIEW, Access.Reason.EXPIRED).full()).isFalse();
        assertThat(new Access(Access.Level.NONE, Access.Reason.NOT_PUBLISHED).full()).isFalse();
    }

    @Test
    @DisplayName("rejects a reason that does not fit its level")
    void mismatch() {
        assertThatThrownBy(() -> new Access(Access.Level.FULL, Access.Reason.EXPIRED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Access(Access.Level.PREVIEW, Access.Reason.MEMBER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("explains each refusal in Chinese with the agreed phrase")
    void chinese() {
        assertThat(preview(Access.Reason.NO_MEMBERSHIP).explanationZh()).isEqualTo("开通会员后可阅读全文");
        assertThat(preview(Access.Reason.EXPIRED).explanationZh()).isEqualTo("会员已到期，续费后可阅读全文");
        assertThat(preview(Access.Reason.SUSPENDED).explanationZh()).isEqualTo("账号已被暂停，暂时无法阅读全文");
        assertThat(preview(Access.Reason.BEFORE_BACK_CATALOG).explanationZh()).isEqualTo("该资料发布于您的会员可回溯范围之前");
        assertThat(preview(Access.Reason.NOT_SIGNED_IN).explanationZh()).isEqualTo("登录后可阅读");
        assertThat(new Access(Access.Level.NONE, Access.Reason.NOT_PUBLISHED).explanationZh()).isEqualTo("该资料尚未发布");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Access.Reason.class)
    @DisplayName("has an explanation in Chinese and in English for every reason")
    void everyReason(Access.Reason reason) {
        var full = EnumSet.of(Access.Reason.STAFF, Access.Reason.FREE_MATERIAL, Access.Reason.MEMBER);
        var access = new Access(full.contains(reason) ? Access.Level.FULL : Access.Level.PREVIEW, reason);
        assertThat(access.explanationZh()).isNotBlank();
        assertThat(access.explanationEn()).isNotBlank();
    }

    private static Access preview(Access.Reason reason) {
        return new Access(Access.Level.PREVIEW, reason);
    }
}
