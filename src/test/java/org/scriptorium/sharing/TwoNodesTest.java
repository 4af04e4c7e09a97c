package org.scriptorium.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.ScriptoriumApplication;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two app nodes on one PostgreSQL database: a publication on one reaches an event stream open on the other through
 * LISTEN/NOTIFY. Runs in the PostgreSQL execution of the build; skipped on H2, where there is one node only.
 */
class TwoNodesTest extends IntegrationTest {

    @Autowired
    Environment environment;

    @Test
    @DisplayName("an event published on one node reaches SSE clients of another node within seconds, on both its ports")
    void eventCrossesNodes() throws Exception {
        String url = environment.getProperty("spring.datasource.url", "");
        assumeTrue(url.startsWith("jdbc:postgresql:"), "several nodes need PostgreSQL");
        String[] args = {
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                "--spring.flyway.schemas=" + environment.getProperty("spring.flyway.schemas"),
                "--scriptorium.data-dir=" + Files.createTempDirectory("scriptorium-node2"),
                "--scriptorium.demo.enabled=false",
                "--scriptorium.admin.email=",
                // Only the bus can bring the event this fast: node two does not look in the log by itself meanwhile.
                "--scriptorium.sharing.stream.poll=1h"};
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(ScriptoriumApplication.class).run(args)) {
            int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
            assertThat(second.getBean(EventBus.class)).isInstanceOf(PostgresEventBus.class);
            String email = "node" + Words.unique().hashCode() + System.nanoTime() + "@test.example";
            Api member = api().newMember(email);
            // A page served by node one may stream from node two's stream port: the ticket's key is shared.
            String ticketUrl = member.get("/api/v1/events/ticket").json().get("url").asString();
            String onSecond = "http://127.0.0.1:" + second.getBean(StreamServer.class).port()
                    + ticketUrl.substring(ticketUrl.indexOf("/api/v1/events"));
            try (EventStream stream = EventStream.open(secondPort, member.token(email, Api.MEMBER_PASSWORD));
                 EventStream page = EventStream.at(onSecond, null)) {
                assertThat(stream.status()).isEqualTo(200);
                assertThat(page.status()).as("node one's ticket on node two's stream port").isEqualTo(200);
                Thread.sleep(500); // the stream is registered once its first comment is written
                long t0 = System.nanoTime();
                String materialId = api().asAdmin().multipart("POST", "/api/v1/admin/materials",
                        Map.of("text", Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique())),
                        null, null).json().get("materialId").asString();
                EventStream.Event event = stream.next(e -> EventStream.about(e, materialId), Duration.ofSeconds(10));
                assertThat(event).as("published on node one, streamed by node two").isNotNull();
                assertThat(event.data().get("type").asString()).isEqualTo("MATERIAL_PUBLISHED");
                assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(5);
                assertThat(page.next(e -> EventStream.about(e, materialId), Duration.ofSeconds(10)))
                        .as("the page's stream on node two").isNotNull();
            }
        }
    }
}
