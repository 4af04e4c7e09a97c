package org.scriptorium.account;

import org.scriptorium.common.Rejected;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Form sign-in through {@link Accounts#authenticate}, so the browser and the API share one throttle. */
@Component
public class PasswordAuthenticationProvider implements AuthenticationProvider {

    private final Accounts accounts;

    PasswordAuthenticationProvider(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = authentication.getName();
        String password = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
        try {
            Account account = accounts.authenticate(email, password);
            return AccountPrincipal.authenticated(new AccountPrincipal(account, accounts.now(), null), account);
        } catch (Rejected e) {
            if (e.status() == 429) {
                throw new LockedException(e.chinese());
            }
            throw new BadCredentialsException(e.chinese());
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
