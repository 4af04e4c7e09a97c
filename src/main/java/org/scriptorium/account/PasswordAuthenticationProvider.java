package org.scriptorium.account;

import org.scriptorium.common.Rejected;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
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
            String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                    ? details.getRemoteAddress() : null;
            Account account = accounts.authenticate(email, password, address);
            return AccountPrincipal.authenticated(new AccountPrincipal(account, accounts.now(), null), account);
        } catch (Rejected e) {
            if (e.status() == 429) {
                throw new SignInRefused(e.chinese(), Rejected.minutes(e.retryAfter().orElse(java.time.Duration.ZERO)));
            }
            throw new BadCredentialsException(e.chinese());
        }
    }

    /** Sign-in refused for a while after repeated failures; {@code minutes} is the wait, for the sign-in page. */
    public static final class SignInRefused extends LockedException {

        private final long minutes;

        SignInRefused(String message, long minutes) {
            super(message);
            this.minutes = minutes;
        }

        public long minutes() {
            return minutes;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
