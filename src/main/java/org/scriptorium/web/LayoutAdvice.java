package org.scriptorium.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
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
        model.addAllAttributes(attributes());
    }

    /**
     * The layout's attributes for the current request. Error pages get them too: {@link ErrorAnswers} calls
     * {@link #layout} as it calls every advice's {@code @ModelAttribute} method.
     */
    Map<String, Object> attributes() {
        Map<String, Object> model = new HashMap<>();
        model.put("siteName", properties.siteName());
        Optional<Account> account = AccountPrincipal.currentUserId().flatMap(accounts::find);
        model.put("account", account.orElse(null));
        model.put("staff", account.map(Account::staff).orElse(false));
        model.put("membership", account.flatMap(a -> memberships.status(a.id())).orElse(null));
        return model;
    }

    /** The site's name alone, for an error page written when even the database cannot be asked who is signed in. */
    String siteName() {
        return properties.siteName();
    }
}
