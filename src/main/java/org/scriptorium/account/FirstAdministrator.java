package org.scriptorium.account;

import java.util.EnumSet;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator from {@code SCRIPTORIUM_ADMIN_EMAIL} and {@code SCRIPTORIUM_ADMIN_PASSWORD}
 * (or {@code --scriptorium.admin.email=… --scriptorium.admin.password=…} on the command line) when no
 * administrator exists yet. An existing account with that address is promoted instead.
 */
@Component
@Order(0)
class FirstAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final Accounts accounts;
    private final ScriptoriumProperties properties;

    FirstAdministrator(Accounts accounts, ScriptoriumProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        accounts.numberUnnumberedAccounts();
        ScriptoriumProperties.Admin admin = properties.admin();
        if (admin == null || admin.email() == null || admin.email().isBlank() || accounts.anyAdministrator()) {
            return;
        }
        if (accounts.findByEmail(admin.email()).isEmpty()) {
            try {
                PasswordPolicy.standard().require(admin.password());
            } catch (Rejected weak) {
                throw new WeakAdministratorPassword(weak);
            }
        }
        accounts.findByEmail(admin.email()).ifPresentOrElse(
                existing -> accounts.setRoles(existing.id(), EnumSet.of(Role.ADMIN)),
                () -> accounts.create(admin.email(), admin.password(), "管理员", EnumSet.of(Role.ADMIN)));
        log.info("First administrator ready: {}", admin.email());
    }

    /** The configured first administrator's password breaks the password rules: the application does not start. */
    static final class WeakAdministratorPassword extends RuntimeException {

        final String rule;

        WeakAdministratorPassword(Rejected weak) {
            super("SCRIPTORIUM_ADMIN_PASSWORD (scriptorium.admin.password) is refused: " + weak.english() + " "
                    + weak.chinese() + " (rule " + weak.properties().getOrDefault("rule", weak.code()) + ")");
            this.rule = weak.properties().getOrDefault("rule", weak.code());
        }
    }

    /**
     * Reports {@link WeakAdministratorPassword} as Spring Boot's start-up failure report (one description line and
     * what to do) instead of a stack trace.
     */
    static final class WeakAdministratorPasswordAnalyzer
            extends org.springframework.boot.diagnostics.AbstractFailureAnalyzer<WeakAdministratorPassword> {

        @Override
        protected org.springframework.boot.diagnostics.FailureAnalysis analyze(Throwable root, WeakAdministratorPassword cause) {
            return new org.springframework.boot.diagnostics.FailureAnalysis(cause.getMessage(),
                    "Set SCRIPTORIUM_ADMIN_PASSWORD to 8 to 128 characters that are not one character repeated and not a "
                            + "common password (see README, \"Passwords\"), then start again.", cause);
        }
    }
}
