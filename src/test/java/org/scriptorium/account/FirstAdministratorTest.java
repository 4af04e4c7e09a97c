package org.scriptorium.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

class FirstAdministratorTest {

    private static ScriptoriumProperties configured(String password) {
        return new ScriptoriumProperties(Path.of("data"), "文库", ZoneId.of("Asia/Shanghai"),
                new ScriptoriumProperties.Admin("boss@example.cn", password), null, null, 300, 30, null, null);
    }

    @Test
    @DisplayName("a weak configured administrator password stops the start with one line naming the rule; no account is made")
    void weakPasswordStopsStart() {
        Accounts accounts = mock(Accounts.class);
        when(accounts.findByEmail(anyString())).thenReturn(Optional.empty());
        FirstAdministrator first = new FirstAdministrator(accounts, configured("12345678"));

        assertThatThrownBy(() -> first.run(new DefaultApplicationArguments()))
                .isInstanceOfSatisfying(FirstAdministrator.WeakAdministratorPassword.class, e -> {
                    assertThat(e.rule).isEqualTo("COMMON");
                    assertThat(e.getMessage()).doesNotContain("12345678").doesNotContain("\n")
                            .contains("SCRIPTORIUM_ADMIN_PASSWORD", "too common", "过于常见");
                });
        verify(accounts, never()).create(anyString(), anyString(), anyString(), any());
    }

    @Test
    @DisplayName("Spring Boot reports it through the registered failure analyzer, as a description and an action")
    void reportedWithoutStackTrace() throws Exception {
        String registered = new String(getClass().getResourceAsStream("/META-INF/spring.factories").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(registered).contains(FailureAnalyzer.class.getName())
                .contains(FirstAdministrator.WeakAdministratorPasswordAnalyzer.class.getName());
        FailureAnalyzer analyzer = new FirstAdministrator.WeakAdministratorPasswordAnalyzer();
        Accounts accounts = mock(Accounts.class);
        when(accounts.findByEmail(anyString())).thenReturn(Optional.empty());
        Exception failure = new IllegalStateException("Failed to execute ApplicationRunner", catchStart(accounts, "        "));
        FailureAnalysis analysis = analyzer.analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("rule BLANK").doesNotContain("\n");
        assertThat(analysis.getAction()).contains("SCRIPTORIUM_ADMIN_PASSWORD");
    }

    @Test
    @DisplayName("a strong configured password creates the administrator")
    void strongPassword() {
        Accounts accounts = mock(Accounts.class);
        when(accounts.findByEmail(anyString())).thenReturn(Optional.empty());
        new FirstAdministrator(accounts, configured("a long secret for the boss")).run(new DefaultApplicationArguments());
        verify(accounts).create(anyString(), anyString(), anyString(), any());
    }

    private static Throwable catchStart(Accounts accounts, String password) {
        try {
            new FirstAdministrator(accounts, configured(password)).run(new DefaultApplicationArguments());
            throw new AssertionError("expected the start to fail");
        } catch (FirstAdministrator.WeakAdministratorPassword e) {
            return e;
        }
    }
}
