package org.scriptorium.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scriptorium.common.Rejected;

class PasswordPolicyTest {

    private final PasswordPolicy policy = PasswordPolicy.standard();

    @ParameterizedTest(name = "{0} breaks {1}")
    @CsvSource(delimiter = '|', value = {
            "short|TOO_SHORT",
            "1234567|TOO_SHORT",
            "'        '|BLANK",
            "'\t \t \t \t '|BLANK",
            "aaaaaaaa|ONE_CHARACTER",
            "88888888|ONE_CHARACTER",
            "好好好好好好好好|ONE_CHARACTER",
            "12345678|COMMON",
            "password|COMMON",
            "PassWord1|COMMON",
            "' iloveyou '|COMMON",
            "1qaz2wsx|COMMON",
            "qwertyuiop|COMMON",
            "woaini1314|COMMON",
            "a5201314|COMMON",
    })
    @DisplayName("weak passwords are refused, each naming the rule it breaks")
    void refused(String password, PasswordPolicy.Rule rule) {
        assertThat(policy.broken(password)).contains(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"member-pass-1", "县委办笔杆子2026", "correct horse battery", "Tq7#mZ2!", "我的密码一点都不短"})
    @DisplayName("passwords of 8 or more characters that are not repeated or common pass")
    void accepted(String password) {
        assertThat(policy.broken(password)).isEmpty();
    }

    @Test
    @DisplayName("length counts characters, not UTF-16 units, and stops at 128")
    void length() {
        assertThat(policy.broken("😀😀😀😀🙂🙂🙂")).as("seven characters, fourteen UTF-16 units").contains(PasswordPolicy.Rule.TOO_SHORT);
        assertThat(policy.broken("ab".repeat(64))).isEmpty();
        assertThat(policy.broken("ab".repeat(64) + "c")).contains(PasswordPolicy.Rule.TOO_LONG);
        assertThat(policy.broken(null)).isEqualTo(Optional.of(PasswordPolicy.Rule.TOO_SHORT));
    }

    @Test
    @DisplayName("a refusal is a 422 WEAK_PASSWORD in Chinese and English with the rule's name")
    void rejection() {
        assertThatThrownBy(() -> policy.require("12345678"))
                .isInstanceOfSatisfying(Rejected.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("WEAK_PASSWORD");
                    assertThat(e.properties()).containsEntry("rule", "COMMON");
                    assertThat(e.chinese()).contains("过于常见");
                    assertThat(e.english()).contains("too common");
                });
    }
}
