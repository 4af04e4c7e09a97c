package org.scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;

/**
 * Forwarded headers from a trusted proxy (loopback is one by default), redirects without a public address, and the
 * security headers of every page.
 */
class HeadersTest extends IntegrationTest {

    @Test
    @DisplayName("without a public address a redirect is relative: a request with Host evil.example is not sent there")
    void relativeRedirects() {
        RawHttp.Answer answer = RawHttp.get(port, "/me", "Host: evil.example");
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).hasValue("/login");
    }

    @Test
    @DisplayName("X-Forwarded-Proto: https from a trusted proxy makes the session cookie Secure; plain HTTP does not")
    void forwardedProto() {
        RawHttp.Answer viaTls = RawHttp.get(port, "/me", "Host: wenku.example.cn", "X-Forwarded-Proto: https");
        assertThat(BehindProxyTest.sessionCookieHeader(viaTls)).containsIgnoringCase("; Secure");
        assertThat(viaTls.header("Strict-Transport-Security")).isPresent();
        RawHttp.Answer plain = RawHttp.get(port, "/me", "Host: wenku.example.cn");
        assertThat(BehindProxyTest.sessionCookieHeader(plain)).doesNotContainIgnoringCase("Secure");
        assertThat(plain.header("Strict-Transport-Security")).isEmpty();
    }

    @Test
    @DisplayName("pages name exactly the stream port's origin in connect-src, and send Referrer- and Permissions-Policy")
    void securityHeaders() {
        String session = signIn();
        RawHttp.Answer page = RawHttp.get(port, "/materials", "Host: 127.0.0.1", "Cookie: " + session);
        assertThat(page.status()).isEqualTo(200);
        Matcher stream = Pattern.compile("data-stream-src=\"([^\"]+)\"").matcher(page.body());
        assertThat(stream.find()).as("a signed-in page is given the stream port").isTrue();
        URI streamUri = URI.create(stream.group(1).replace("&amp;", "&"));
        String origin = streamUri.getScheme() + "://" + streamUri.getAuthority();
        String csp = page.header("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("connect-src 'self' " + origin + ";").doesNotContain("*");
        assertThat(origin).isEqualTo("http://127.0.0.1:" + streamUri.getPort());

        assertThat(page.header("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(page.header("Permissions-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"));

        RawHttp.Answer otherHost = RawHttp.get(port, "/", "Host: localhost");
        assertThat(otherHost.header("Content-Security-Policy").orElseThrow()).as("the host the page was served on")
                .contains("connect-src 'self' http://localhost:" + streamUri.getPort() + ";");
    }

    @Test
    @DisplayName("a stream ticket lives five minutes: long enough to open and reconnect, worth little in a log")
    void shortTickets() {
        Api member = api().newMember();
        String url = member.get("/api/v1/events/ticket").json().get("url").asString();
        Matcher ticket = Pattern.compile("ticket=[^.]+\\.[^.]+\\.(\\d+)\\.").matcher(url);
        assertThat(ticket.find()).as(url).isTrue();
        long expires = Long.parseLong(ticket.group(1));
        long now = Instant.now().getEpochSecond();
        assertThat(expires - now).isBetween(240L, 300L);
    }

    private String signIn() {
        String email = "h" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        api().newMember(email);
        RawHttp.Answer loginPage = RawHttp.get(port, "/login", "Host: 127.0.0.1");
        String session = BehindProxyTest.sessionCookie(loginPage);
        String form = "_csrf=" + URLEncoder.encode(BehindProxyTest.csrf(loginPage.body()), StandardCharsets.UTF_8)
                + "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(Api.MEMBER_PASSWORD, StandardCharsets.UTF_8);
        RawHttp.Answer login = RawHttp.send(port, "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + session
                + "\r\nContent-Type: application/x-www-form-urlencoded", form);
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location").orElse("")).doesNotContain("error");
        return login.all("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .map(c -> c.substring(0, c.indexOf(';'))).orElse(session);
    }
}
