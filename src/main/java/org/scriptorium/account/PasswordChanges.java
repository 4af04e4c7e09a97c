package org.scriptorium.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.scriptorium.common.Rejected;
import org.springframework.stereotype.Component;

/**
 * A password change made by the signed-in user, from the page or the API: every other session and token ends, the
 * one it came from goes on (a browser session is stamped anew and given a new id; a token is kept).
 */
@Component
class PasswordChanges {

    private final Accounts accounts;

    PasswordChanges(Accounts accounts) {
        this.accounts = accounts;
    }

    /** Same failures as {@link Accounts#changePassword}; 401 when nobody is signed in. */
    void change(String currentPassword, String newPassword, HttpServletRequest request, HttpServletResponse response) {
        AccountPrincipal me = AccountPrincipal.current()
                .orElseThrow(() -> new Rejected(401, "NOT_SIGNED_IN", "请先登录。", "Sign in first."));
        Instant signedIn = accounts.changePassword(me.userId(), currentPassword, newPassword, me.tokenId().orElse(null),
                request.getRemoteAddr());
        if (me.tokenId().isEmpty() && request.getSession(false) != null) {
            BrowserSignIn.signIn(me.signedInAt(signedIn), accounts.get(me.userId()), request, response);
        }
    }
}
