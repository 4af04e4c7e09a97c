package org.scriptorium.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.ScriptoriumApplication;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two app nodes on one PostgreSQL database with {@code scriptorium.blobs.store=database}: evidence filed through one
 * is read by staff through the other. Runs in the PostgreSQL execution; skipped on H2, where there is one node only.
 */
class EvidenceAcrossNodesTest extends IntegrationTest {

    @Autowired
    Environment environment;

    @Test
    @DisplayName("a report filed on one node shows its evidence, byte for byte, to an editor on another node")
    void evidenceCrossesNodes() throws Exception {
        String url = environment.getProperty("spring.datasource.url", "");
        assumeTrue(url.startsWith("jdbc:postgresql:"), "several nodes need PostgreSQL");
        Path dataOne = Files.createTempDirectory("scriptorium-blobs-node1");
        Path dataTwo = Files.createTempDirectory("scriptorium-blobs-node2");
        try (ConfigurableApplicationContext one = node(url, dataOne);
             ConfigurableApplicationContext two = node(url, dataTwo)) {
            byte[] evidence = ("在某网店看到的文字" + Words.unique()).repeat(20).getBytes(StandardCharsets.UTF_8);
            Api.Response filed = api(one).newMember().multipart("POST", "/api/v1/reports", Map.of("where", "某网店"),
                    "证据.txt", evidence);
            assertThat(filed.status()).as(filed.text()).isEqualTo(201);
            String reportId = filed.json().get("reportId").asString();

            Api editor = api(two).asAdmin();
            Api.Response report = editor.get("/api/v1/admin/reports/" + reportId);
            assertThat(report.status()).as(report.text()).isEqualTo(200);
            String fileId = report.json().findValue("files").get(0).get("id").asString();
            Api.Response file = editor.get("/api/v1/admin/reports/" + reportId + "/files/" + fileId);
            assertThat(file.status()).as(file.text()).isEqualTo(200);
            assertThat(file.bytes()).isEqualTo(evidence);
            assertThat(filesUnder(dataOne.resolve("evidence"))).as("nothing in node one's data directory").isEmpty();
        }
    }

    private ConfigurableApplicationContext node(String url, Path dataDir) {
        return new SpringApplicationBuilder(ScriptoriumApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                "--spring.flyway.schemas=" + environment.getProperty("spring.flyway.schemas"),
                "--scriptorium.data-dir=" + dataDir,
                "--scriptorium.demo.enabled=false",
                "--scriptorium.admin.email=",
                "--scriptorium.sharing.stream.port=-1",
                "--scriptorium.blobs.store=database");
    }

    private static Api api(ConfigurableApplicationContext node) {
        return Api.at("http://127.0.0.1:" + ((WebServerApplicationContext) node).getWebServer().getPort());
    }

    static List<Path> filesUnder(Path root) throws java.io.IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return new ArrayList<>(files.filter(Files::isRegularFile).toList());
        }
    }
}
