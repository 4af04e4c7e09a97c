package org.scriptorium.account;

import java.time.Duration;
import java.util.Optional;
import org.scriptorium.common.AttemptLimit;

/**
 * Slows password guessing, per e-mail address and per client address, in the database so that it holds across
 * nodes and restarts. Every sign-in attempt is counted before the password is checked (so concurrent guesses cannot
 * slip past the count), against the client address first and then the e-mail address:
 * <ul>
 *   <li>after {@code maxFailures} attempts for one e-mail address that did not succeed, further attempts for it
 *       are refused until the window has passed since the last one, even with the right password; a success
 *       clears the address's count;</li>
 *   <li>one client address may make {@code maxFailuresPerAddress} failed attempts (whatever e-mail addresses they
 *       name) in the window; successes are given back, so an office behind one address is not locked out by its
 *       own sign-ins.</li>
 * </ul>
 * A refused attempt is not counted anywhere, and a client address that is refused creates no row for the e-mail
 * address it named: made-up addresses cost at most {@code maxFailuresPerAddress} rows per client address and
 * window, and rows are deleted when their window ends. IPv6 clients are counted per /64 network, which is what one
 * subscriber usually holds.
 */
final class SignInThrottle {

    private final AttemptLimit perEmail;
    private final AttemptLimit perAddress;

    SignInThrottle(AttemptLimit perEmail, AttemptLimit perAddress) {
        this.perEmail = perEmail;
        this.perAddress = perAddress;
    }

    /**
     * Counts an attempt to sign in as {@code email} from {@code address} (null when unknown).
     *
     * @return empty when the password may be checked; otherwise how long until this client may try again
     */
    Optional<Duration> begin(String email, String address) {
        String network = AttemptLimit.clientNetwork(address);
        if (network != null) {
            Optional<Duration> wait = perAddress.tryAcquire(network);
            if (wait.isPresent()) {
                return wait;
            }
        }
        Optional<Duration> wait = perEmail.tryAcquire(email);
        if (wait.isPresent() && network != null) {
            perAddress.refund(network); // no password was checked
        }
        return wait;
    }

    /** The attempt begun for {@code email} from {@code address} succeeded: it does not count. */
    void succeeded(String email, String address) {
        perEmail.clear(email);
        String network = AttemptLimit.clientNetwork(address);
        if (network != null) {
            perAddress.refund(network);
        }
    }
}
