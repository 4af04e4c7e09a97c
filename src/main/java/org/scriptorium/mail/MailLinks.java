package org.scriptorium.mail;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Absolute links to this library for letters. They are built from {@code scriptorium.public-url} (or the older
 * {@code scriptorium.sharing.public-url}), never from the request's {@code Host} header: a reset link built from a
 * header the requester chooses would carry a member's token to the requester's site. Without a public address the
 * links point at this server's own port on {@code localhost}, which works only on the machine itself: set the
 * public address before sending mail to members.
 */
@Component
public class MailLinks {

    private final Environment environment;

    MailLinks(Environment environment) {
        this.environment = environment;
    }

    /**
     * @param pathAndQuery a path on this site starting with {@code /}, with its query
     * @return the absolute link to it
     */
    public String to(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("a path on this site: " + pathAndQuery);
        }
        return base() + pathAndQuery;
    }

    private String base() {
        String configured = environment.getProperty("scriptorium.public-url", "");
        if (configured.isBlank()) {
            configured = environment.getProperty("scriptorium.sharing.public-url", "");
        }
        if (!configured.isBlank()) {
            return configured.strip().replaceAll("/+$", "");
        }
        return "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
    }
}
