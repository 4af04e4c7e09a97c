package org.scriptorium.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/materials/abc123", "/me", "/materials?q=%E4%B9%A1%E6%9D%91&page=2", "/me/reports#n1"})
    @DisplayName("a path on this site is a place to return to after signing in")
    void local(String next) {
        assertThat(LocalPath.of(next)).contains(next);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil.example",
            "javascript:alert(1)", "materials/abc", "/ /evil", "/\tevil", "/login",
            "/login?next=/me", "/register", "/logout", "/password/reset?token=x", "", "http:/evil.example"})
    @DisplayName("another site, a scheme, a backslash, a control character or the sign-in pages themselves are ignored")
    void notLocal(String next) {
        assertThat(LocalPath.of(next)).isEmpty();
    }
}
