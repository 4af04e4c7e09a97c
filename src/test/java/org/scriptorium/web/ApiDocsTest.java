package org.scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.IntegrationTest;

class ApiDocsTest extends IntegrationTest {

    @Test
    void dump() throws Exception {
        var r = api().get("/v3/api-docs");
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/api-docs.json"), r.bytes());
        assertThat(r.status()).isEqualTo(200);
    }
}
