package org.scriptorium.account;

import java.util.EnumSet;
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
        accounts.findByEmail(admin.email()).ifPresentOrElse(
                existing -> accounts.setRoles(existing.id(), EnumSet.of(Role.ADMIN)),
                () -> accounts.create(admin.email(), admin.password(), "管理员", EnumSet.of(Role.ADMIN)));
        log.info("First administrator ready: {}", admin.email());
    }
}
