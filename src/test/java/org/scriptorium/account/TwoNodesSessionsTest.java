package org.scriptorium.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.scriptorium.ScriptoriumApplication;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 17: two app nodes on one database, as behind a proxy without sticky sessions. A browser session made on one
 * node is used, and ended, on the other; the sign-in throttle counts failures on both together. The second node runs
 * in this JVM on the same database: the in-memory H2 of the default execution, the PostgreSQL schema of the second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesSessionsTest extends IntegrationTest {

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    private ConfigurableApplicationContext second;
    private int secondPort;

    @BeforeAll
    void startSecondNode() throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--scriptorium.data-dir=" + Files.createTempDirectory("scriptorium-node2"),
                "--scriptorium.demo.enabled=false",
                "--scriptorium.admin.email="));
        for (String key : List.of("spring.datasource.username", "spring.datasource.password", "spring.flyway.schemas")) {
            String value = environment.getProperty(key);
            if (value != null) {
                args.add("--" + key + "=" + value);
            }
        }
        second = new SpringApplicationBuilder(ScriptoriumApplication.class).run(args.toArray(String[]::new));
        secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
    }

    @AfterAll
    void stopSecondNode() {
        if (second != null) {
            second.close();
        }
    }

    private static String email() {
        return "n" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    private long storedSessions(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?").param(userId)
                .query(Long.class).single();
    }

    private static boolean signedIn(HttpResponse<String> page) {
        return page.statusCode() == 200;
    }

    @Test
    @DisplayName("a session signed in on node one is signed in on node two, takes node one's CSRF token there, and a sign-out on node two ends it on both")
    void sessionCrossesNodes() {
        String email = email();
        String userId = api().newMember(email).userId();
        WebSession one = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        WebSession two = one.on(secondPort);
        assertThat(storedSessions(userId)).as("the session is in the database, indexed by user id").isEqualTo(1);

        assertThat(signedIn(one.get("/me/password"))).isTrue();
        assertThat(signedIn(two.get("/me/password"))).as("node two knows the session").isTrue();

        String tokenFromOne = WebSession.csrf(one.get("/me/password").body());
        HttpResponse<String> signedOut = two.postForm("/logout", Map.of(), tokenFromOne);
        assertThat(signedOut.statusCode()).as("node one's CSRF token is good on node two").isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(one.get("/me/password").statusCode()).as("signed out on node one too").isEqualTo(302);
        assertThat(storedSessions(userId)).isZero();
    }

    @Test
    @DisplayName("signing in on node two with the form node one served gives the session a new id; the old id is signed in nowhere")
    void signInChangesTheSessionId() {
        String email = email();
        api().newMember(email);
        WebSession one = new WebSession(port);
        String csrf = WebSession.csrf(one.get("/login").body());
        String before = one.cookie("JSESSIONID").orElseThrow();
        HttpResponse<String> login = one.on(secondPort).postForm("/login",
                Map.of("email", email, "password", Api.MEMBER_PASSWORD), csrf);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String after = one.cookie("JSESSIONID").orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(one.get("/me/password").statusCode()).as("signed in on node one").isEqualTo(200);

        // The cookie holds the id in base64 (Spring Session's cookie serializer).
        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE SESSION_ID = ?")
                .param(new String(Base64.getDecoder().decode(before), StandardCharsets.US_ASCII)).query(Long.class).single())
                .as("the id known before sign-in names no session now").isZero();
    }

    @Test
    @DisplayName("a password changed on node one ends the account's session made on node two, row and all, and keeps its own")
    void passwordChangeEndsOtherNodesSessions() {
        String email = email();
        String userId = api().newMember(email).userId();
        WebSession here = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        WebSession elsewhere = new WebSession(secondPort).signIn(email, Api.MEMBER_PASSWORD);
        assertThat(storedSessions(userId)).isEqualTo(2);

        HttpResponse<String> changed = here.postForm("/me/password", "/me/password",
                Map.of("currentPassword", Api.MEMBER_PASSWORD, "newPassword", "a-new-pass-" + UUID.randomUUID()));
        assertThat(changed.headers().firstValue("Location").orElse("")).endsWith("/me");

        assertThat(storedSessions(userId)).as("the other session's row is deleted at once").isEqualTo(1);
        assertThat(elsewhere.get("/me/password").statusCode()).as("signed out on node two").isEqualTo(302);
        assertThat(here.get("/me/password").statusCode()).as("the changing session goes on").isEqualTo(200);
        assertThat(here.on(secondPort).get("/me/password").statusCode()).as("on either node").isEqualTo(200);
    }

    @Test
    @DisplayName("5 failed sign-ins for one address spread over both nodes lock it on both, even with the right password")
    void signInThrottleCountsBothNodes() {
        String email = email();
        api().newMember(email);
        Api one = api().from(Api.freshLoopbackAddress());
        Api two = Api.at("http://127.0.0.1:" + secondPort).from(Api.freshLoopbackAddress());
        for (int i = 0; i < 5; i++) {
            Api node = i % 2 == 0 ? one : two;
            assertThat(node.post("/api/v1/auth/token", Map.of("email", email, "password", "wrong-" + i)).status())
                    .as("guess %d", i).isEqualTo(401);
        }
        for (Api node : List.of(one, two)) {
            Api.Response refused = node.post("/api/v1/auth/token", Map.of("email", email, "password", Api.MEMBER_PASSWORD));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("code").asString()).isEqualTo("TOO_MANY_ATTEMPTS");
        }
    }
}
