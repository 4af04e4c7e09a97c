package org.scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The library behind a TLS proxy at https://wenku.example.cn: redirects are built from that address, never from
 * the {@code Host} header, and the session cookie is {@code Secure}. (One application context of its own.)
 */
@TestPropertySource(properties = "scriptorium.public-url=https://wenku.example.cn")
class BehindProxyTest extends IntegrationTest {

    private static final String PUBLIC = "https://wenku.example.cn";

    @Test
    @DisplayName("a forged Host or X-Forwarded-Host never decides where a redirect goes")
    void forgedHost() {
        RawHttp.Answer direct = RawHttp.get(port, "/me", "Host: evil.example");
        assertThat(direct.status()).isEqualTo(302);
        assertThat(direct.header("Location")).hasValue(PUBLIC + "/login");

        RawHttp.Answer forwarded = RawHttp.get(port, "/me", "Host: 127.0.0.1", "X-Forwarded-Host: evil.example",
                "X-Forwarded-Proto: http");
        assertThat(forwarded.header("Location")).hasValue(PUBLIC + "/login");
    }

    @Test
    @DisplayName("after sign-in the member is sent back to the page they asked for, on the public address")
    void afterSignIn() {
        RawHttp.Answer asked = RawHttp.get(port, "/me", "Host: evil.example", "X-Forwarded-Proto: https");
        String session = sessionCookie(asked);
        RawHttp.Answer loginPage = RawHttp.get(port, "/login", "Host: evil.example", "Cookie: " + session);
        String form = "_csrf=" + URLEncoder.encode(csrf(loginPage.body()), StandardCharsets.UTF_8)
                + "&email=" + URLEncoder.encode(Api.ADMIN_EMAIL, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(Api.ADMIN_PASSWORD, StandardCharsets.UTF_8);
        RawHttp.Answer login = RawHttp.send(port, "POST /login HTTP/1.1\r\nHost: evil.example\r\nCookie: " + session
                + "\r\nContent-Type: application/x-www-form-urlencoded", form);
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).hasValueSatisfying(to -> assertThat(to).startsWith(PUBLIC + "/me"));
    }

    @Test
    @DisplayName("the session cookie is Secure when the public address is HTTPS, with or without X-Forwarded-Proto")
    void secureCookie() {
        for (String proto : new String[] {"X-Forwarded-Proto: https", "X-Forwarded-Proto: http"}) {
            RawHttp.Answer answer = RawHttp.get(port, "/me", "Host: 127.0.0.1", proto);
            assertThat(answer.header("Set-Cookie")).as(proto).hasValueSatisfying(cookie ->
                    assertThat(cookie).startsWith("JSESSIONID=").containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly"));
        }
    }

    /** The whole Set-Cookie header of the session cookie. */
    static String sessionCookieHeader(RawHttp.Answer answer) {
        return answer.all("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
    }

    static String sessionCookie(RawHttp.Answer answer) {
        return answer.all("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .map(c -> c.substring(0, c.indexOf(';'))).orElseThrow();
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
