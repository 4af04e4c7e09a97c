package org.scriptorium.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;
import tools.jackson.databind.JsonNode;

/** {@code backup FILE} and {@code restore FILE} as an operator runs them, on the embedded H2 file database. */
class BackupRestoreTest {

    private static final Duration START = Duration.ofMinutes(3);

    @Test
    @DisplayName("backup, wipe the data directory, restore: the library, memberships, reports with their files and a trace of an earlier copy all work")
    void roundTrip() throws IOException {
        Path data = Files.createTempDirectory("scriptorium-backup");
        Path archive = data.resolveSibling(data.getFileName() + ".zip");
        String word = Words.unique();
        String materialId;
        String memberToken;
        String memberId;
        String copy;
        String reportId;
        byte[] evidence = ("在某网店看到的文字" + Words.unique()).repeat(20).getBytes(StandardCharsets.UTF_8);
        try (AppProcess app = AppProcess.start(data, START)) {
            Api admin = app.api().asAdmin();
            materialId = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", Speeches.longSpeech(word)),
                    null, null).json().get("materialId").asString();
            String planId = admin.post("/api/v1/admin/plans", Map.of("name", "一年会员", "durationDays", 365,
                    "backCatalogDays", 1095)).json().get("id").asString();
            String code = admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", 1)).json()
                    .get("codes").get(0).asString();
            Api member = app.api().newMember();
            assertThat(member.post("/api/v1/me/redeem", Map.of("code", code)).status()).isEqualTo(200);
            memberToken = member.bearer();
            memberId = member.userId();
            copy = member.get("/api/v1/materials/" + materialId).json().get("text").asString();
            Api.Response filed = app.api().newMember().multipart("POST", "/api/v1/reports", Map.of("where", "某网店"),
                    "证据.txt", evidence);
            assertThat(filed.status()).as(filed.text()).isEqualTo(201);
            reportId = filed.json().get("reportId").asString();
            app.stop();
        }

        AppProcess.Result backup = AppProcess.command(data, START, "backup", archive.toString());
        assertThat(backup.status()).as(backup.output()).isZero();
        assertThat(backup.output()).contains("已备份到 " + archive.toAbsolutePath(), "1 个证据文件");
        deleteTree(data);

        AppProcess.Result restore = AppProcess.command(data, START, "restore", archive.toString());
        assertThat(restore.status()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("已从 " + archive.toAbsolutePath() + " 恢复", "1 个证据文件");

        try (AppProcess app = AppProcess.start(data, START)) {
            Api admin = app.api().asAdmin();
            assertThat(admin.get("/api/v1/materials?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8))
                    .json().get("total").asLong()).as("found through the rebuilt index").isEqualTo(1);
            JsonNode me = app.api().as(memberToken).get("/api/v1/me").json();
            assertThat(me.get("membership").isNull()).as(me.toString()).isFalse();

            JsonNode report = admin.get("/api/v1/admin/reports/" + reportId).json();
            String fileId = report.findValue("files").get(0).get("id").asString();
            assertThat(admin.get("/api/v1/admin/reports/" + reportId + "/files/" + fileId).bytes()).isEqualTo(evidence);

            // The marking key came back: a copy delivered before the backup still names its reader.
            String leaked = Marked.visible(copy).replaceAll("本文为会员 .*", "");
            JsonNode trace = admin.multipart("POST", "/api/v1/admin/trace", Map.of("text", leaked), null, null).json();
            assertThat(trace.get("verdict").asString()).as(trace.toString()).isEqualTo("ACCUSE");
            assertThat(trace.get("suspects").get(0).get("userId").asString()).isEqualTo(memberId);
        }
        CrashTest.deleteTree(data);
        Files.delete(archive);
    }

    @Test
    @DisplayName("a file that is not a backup is refused with one clear line, and nothing is touched")
    void notABackup() throws IOException {
        Path data = Files.createTempDirectory("scriptorium-restore");
        Path junk = Files.writeString(data.resolveSibling(data.getFileName() + ".zip"), "不是备份");
        AppProcess.Result restore = AppProcess.command(data, START, "restore", junk.toString());
        assertThat(restore.status()).isEqualTo(1);
        assertThat(restore.output()).contains("无法恢复 / cannot restore: 不是 Scriptorium 备份文件").doesNotContain("\tat ");
        assertThat(data).isEmptyDirectory();
        CrashTest.deleteTree(data);
        Files.delete(junk);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
