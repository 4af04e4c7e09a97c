package org.scriptorium.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.ScriptoriumApplication;
import org.scriptorium.support.Api;
import org.scriptorium.support.S3Server;
import org.scriptorium.support.Words;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The application with {@code scriptorium.blobs.store=s3} against a real S3-compatible server (s3proxy, see
 * {@link S3Server}), on an embedded database of its own: evidence goes to the bucket, is served to staff from it, and
 * one lost from the bucket is answered as missing, not as an error.
 */
class EvidenceInS3Test {

    @Test
    @DisplayName("evidence of a report is stored in the bucket, not the data directory, and staff read it back")
    void evidenceInBucket() throws Exception {
        Path dataDir = Files.createTempDirectory("scriptorium-blobs-s3");
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:s3" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1",
                "--scriptorium.data-dir=" + dataDir,
                "--scriptorium.demo.enabled=false",
                "--scriptorium.admin.email=" + Api.ADMIN_EMAIL,
                "--scriptorium.admin.password=" + Api.ADMIN_PASSWORD,
                "--scriptorium.sharing.stream.port=-1"));
        String[] s3 = S3Server.get().applicationArguments();
        args.addAll(List.of(s3));
        String bucket = List.of(s3).stream().filter(a -> a.startsWith("--scriptorium.blobs.s3.bucket=")).findFirst()
                .orElseThrow().substring("--scriptorium.blobs.s3.bucket=".length());
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ScriptoriumApplication.class)
                .run(args.toArray(String[]::new));
             S3Client client = S3Server.get().client()) {
            Api api = Api.at("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
            byte[] evidence = ("在某网店看到的文字" + Words.unique()).repeat(20).getBytes(StandardCharsets.UTF_8);
            Api.Response filed = api.newMember().multipart("POST", "/api/v1/reports", Map.of("where", "某网店"),
                    "证据.txt", evidence);
            assertThat(filed.status()).as(filed.text()).isEqualTo(201);
            String reportId = filed.json().get("reportId").asString();

            List<S3Object> objects = client.listObjectsV2(r -> r.bucket(bucket).prefix("evidence/")).contents();
            assertThat(objects).hasSize(1);
            assertThat(objects.getFirst().key()).matches("evidence/[0-9a-f]{48}");
            assertThat(filesUnder(dataDir.resolve("evidence"))).isEmpty();

            Api editor = api.asAdmin();
            String fileId = editor.get("/api/v1/admin/reports/" + reportId).json().findValue("files").get(0)
                    .get("id").asString();
            String path = "/api/v1/admin/reports/" + reportId + "/files/" + fileId;
            assertThat(editor.get(path).bytes()).isEqualTo(evidence);
            assertThat(api.newMember().get(path).status()).as("members never read evidence").isEqualTo(403);

            client.deleteObject(r -> r.bucket(bucket).key(objects.getFirst().key()));
            Api.Response lost = editor.get(path);
            assertThat(lost.status()).isEqualTo(404);
            assertThat(lost.json().get("code").asString()).isEqualTo("FILE_NOT_FOUND");
        }
    }

    private static List<Path> filesUnder(Path root) throws java.io.IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return new ArrayList<>(files.filter(Files::isRegularFile).toList());
        }
    }
}
