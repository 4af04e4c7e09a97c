package org.scriptorium.common;

import java.nio.file.Path;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The operator's settings, under {@code scriptorium.*} (environment variables such as
 * {@code SCRIPTORIUM_DATA_DIR} map onto them).
 *
 * @param dataDir            where the embedded database, index and files live
 * @param siteName           the library's name shown on every page and in every notice
 * @param zone               the time zone in which dates are shown
 * @param admin              the first administrator, created at start when no administrator exists
 * @param demo               whether an empty library is offered demo materials
 * @param upload             the upload limit
 * @param previewCharacters  how many characters of body text a reader who is not entitled sees
 * @param apiTokenDays       how long an API token stays valid
 * @param signIn             the sign-in throttle
 * @param redeem             the limit on failed activation-code redemptions
 */
@ConfigurationProperties("scriptorium")
public record ScriptoriumProperties(
        Path dataDir,
        String siteName,
        ZoneId zone,
        Admin admin,
        Demo demo,
        Upload upload,
        int previewCharacters,
        int apiTokenDays,
        SignIn signIn,
        Redeem redeem) {

    public record Admin(String email, String password) {
    }

    public record Demo(boolean enabled) {
    }

    public record Upload(DataSize maxSize) {
    }

    /**
     * @param maxFailures           failed sign-ins for one e-mail address before it is refused for {@code lockMinutes}
     * @param lockMinutes           how long a count lasts after the last attempt
     * @param maxFailuresPerAddress failed sign-ins from one client address (any e-mail) within {@code lockMinutes}
     */
    public record SignIn(int maxFailures, int lockMinutes, int maxFailuresPerAddress) {
    }

    /**
     * @param maxFailures           failed code redemptions of one account within {@code lockMinutes}
     * @param maxFailuresPerAddress failed code redemptions from one client address within {@code lockMinutes}
     * @param lockMinutes           how long a count lasts after the last attempt
     */
    public record Redeem(int maxFailures, int maxFailuresPerAddress, int lockMinutes) {
    }
}
