package org.scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.IntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * Forwarded headers from a connection that is not a trusted proxy count for nothing: here only 192.0.2.1 is one, and
 * the test connects from loopback. (One application context of its own.)
 */
@TestPropertySource(properties = "server.tomcat.remoteip.internal-proxies=192.0.2.1/32")
class UntrustedProxyTest extends IntegrationTest {

    @Test
    @DisplayName("X-Forwarded-Proto: https from a client that is not a trusted proxy does not make the request secure")
    void untrusted() {
        RawHttp.Answer answer = RawHttp.get(port, "/me", "Host: 127.0.0.1", "X-Forwarded-Proto: https",
                "X-Forwarded-Host: evil.example");
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).hasValue("/login");
        assertThat(BehindProxyTest.sessionCookieHeader(answer)).doesNotContainIgnoringCase("Secure");
        assertThat(answer.header("Strict-Transport-Security")).isEmpty();
    }
}
