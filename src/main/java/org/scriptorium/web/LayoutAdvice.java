package org.scriptorium.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.scriptorium.account.Account;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.membership.Memberships;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout shows: the site's name, who is signed in and their membership. */
@ControllerAdvice
class LayoutAdvice {

    private final Accounts accounts;
    private final Memberships memberships;
    private final ScriptoriumProperties properties;

    LayoutAdvice(Accounts accounts, Memberships memberships, ScriptoriumProperties properties) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.properties = properties;
    }

    @ModelAttribute
    void layout(HttpServletRequest request, Model model) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return;
        }
        model.addAttribute("siteName", properties.siteName());
        Optional<Account> account = AccountPrincipal.currentUserId().flatMap(accounts::find);
        model.addAttribute("account", account.orElse(null));
        model.addAttribute("staff", account.map(Account::staff).orElse(false));
        model.addAttribute("membership", account.flatMap(a -> memberships.status(a.id())).orElse(null));
    }
}
