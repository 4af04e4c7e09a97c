package org.scriptorium.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.library.ImportOutcome;
import org.scriptorium.library.MaterialDraft;
import org.scriptorium.library.Materials;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import tools.jackson.databind.JsonNode;

/** Batch import through the API: per-file outcomes, re-imports as duplicates, bad input, and a resumed job. */
class BatchImportApiTest extends IntegrationTest {

    @Autowired
    Materials materials;
    @Autowired
    ImportRunner runner;
    @Autowired
    ImportJobRepository jobs;
    @Autowired
    ArchiveStore store;

    private JsonNode awaitDone(Api admin, String importId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Api.Response r = admin.get("/api/v1/admin/imports/" + importId);
            assertThat(r.status()).isEqualTo(200);
            if (r.json().get("status").asString().equals("DONE") || Instant.now().isAfter(deadline)) {
                return r.json();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String start(Api admin, String name, byte[] zip, Map<String, String> fields) {
        Api.Response started = admin.multipart("POST", "/api/v1/admin/imports", fields, name, zip);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        return started.json().get("importId").asString();
    }

    private static List<String> outcomes(JsonNode job) {
        List<String> out = new ArrayList<>();
        job.get("items").forEach(i -> out.add(i.get("file").asString() + " " + i.get("status").asString()
                + (i.has("code") ? " " + i.get("code").asString() : "")));
        return out;
    }

    @Test
    @DisplayName("a zip of real documents, a broken .docx and ../../etc/passwd: each file's outcome; the same zip again is all duplicates")
    void realDocumentsThenAgain() {
        Api admin = api().asAdmin();
        String word = Words.unique();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        TestZips.realDocuments(word, "D06", "D08", "D04", "E01")
                .forEach((name, bytes) -> entries.put("国务院文件/" + name, bytes));
        entries.put("损坏的文件.docx", "这不是一个 docx 文件".getBytes(StandardCharsets.UTF_8));
        entries.put("../../etc/passwd", "root:x:0:0:root:/root:/bin/bash".getBytes(StandardCharsets.UTF_8));
        entries.put("内层.zip", new byte[]{'P', 'K', 3, 4});
        byte[] zip = TestZips.gbkZip(entries);
        long before = materials.count();

        JsonNode job = awaitDone(admin, start(admin, "国务院文件.zip", zip, Map.of("topics", "节假日,政务公开", "tier", "FREE")));

        List<String> names = new ArrayList<>(entries.keySet());
        assertThat(outcomes(job)).containsExactly(
                names.get(0) + " IMPORTED", names.get(1) + " IMPORTED", names.get(2) + " IMPORTED", names.get(3) + " IMPORTED",
                "损坏的文件.docx FAILED MALFORMED_DOCX", "../../etc/passwd FAILED UNSAFE_NAME", "内层.zip FAILED NESTED_ARCHIVE");
        assertThat(job.get("total").asInt()).isEqualTo(7);
        assertThat(job.get("imported").asInt()).isEqualTo(4);
        assertThat(job.get("duplicates").asInt()).isZero();
        assertThat(job.get("failed").asInt()).isEqualTo(3);
        assertThat(job.get("items").get(4).get("detail").asString()).isNotBlank();
        assertThat(materials.count()).isEqualTo(before + 4);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = job.get("items").get(i).get("materialId").asString();
            ids.add(id);
            JsonNode material = admin.get("/api/v1/materials/" + id).json();
            assertThat(material.get("tier").asString()).isEqualTo("FREE");
            assertThat(material.get("topics").toString()).contains("节假日").contains("政务公开");
            // the staff copy carries invisible marks between characters
            assertThat(material.get("text").asString().replaceAll("[\\u200B-\\u200D\\u2060\\uFEFF]", "")).contains(word);
        }

        // the server keeps answering, the list shows the job, and the stored archive is gone
        assertThat(admin.get("/api/v1/admin/imports").json().get(0).get("importId").asString()).isEqualTo(job.get("importId").asString());
        assertThat(jobs.find(job.get("importId").asString()).orElseThrow().archiveKey()).isNull();

        JsonNode again = awaitDone(admin, start(admin, "国务院文件.zip", zip, Map.of()));
        assertThat(outcomes(again)).startsWith(names.get(0) + " DUPLICATE", names.get(1) + " DUPLICATE",
                names.get(2) + " DUPLICATE", names.get(3) + " DUPLICATE");
        assertThat(again.get("duplicates").asInt()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(again.get("items").get(i).get("materialId").asString()).isEqualTo(ids.get(i));
        }
        assertThat(materials.count()).isEqualTo(before + 4);
    }

    @Test
    @DisplayName("an empty zip is done with nothing; a file that is not a zip is one MALFORMED_ZIP; several files are one item each")
    void emptyNotAZipAndSeveralFiles() {
        Api admin = api().asAdmin();
        JsonNode empty = awaitDone(admin, start(admin, "空.zip", TestZips.gbkZip(Map.of()), Map.of()));
        assertThat(empty.get("status").asString()).isEqualTo("DONE");
        assertThat(empty.get("total").asInt()).isZero();
        assertThat(empty.get("items")).isEmpty();

        JsonNode notZip = awaitDone(admin, start(admin, "伪装.ZIP", "只是一段文字".getBytes(StandardCharsets.UTF_8), Map.of()));
        assertThat(outcomes(notZip)).containsExactly("伪装.ZIP FAILED MALFORMED_ZIP");

        String word = Words.unique();
        List<Api.Upload> files = new ArrayList<>();
        TestZips.realDocuments(word, "D06", "E01").forEach((name, bytes) -> files.add(new Api.Upload(name, bytes)));
        Api.Response started = admin.multipart("POST", "/api/v1/admin/imports", Map.of(), files);
        assertThat(started.status()).isEqualTo(202);
        JsonNode several = awaitDone(admin, started.json().get("importId").asString());
        assertThat(outcomes(several)).containsExactly(files.get(0).name() + " IMPORTED", files.get(1).name() + " IMPORTED");
    }

    @Test
    @DisplayName("bad requests change nothing: no file, an unknown tier, an unknown job; members may not import")
    void badRequests() {
        Api admin = api().asAdmin();
        int jobsBefore = jobs.newest(1000).size();
        Api.Response none = admin.multipart("POST", "/api/v1/admin/imports", Map.of(), List.of());
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.json().get("code").asString()).isEqualTo("NO_FILE");
        Api.Response tier = admin.multipart("POST", "/api/v1/admin/imports", Map.of("tier", "GOLD"), "a.zip",
                TestZips.gbkZip(Map.of()));
        assertThat(tier.json().get("code").asString()).isEqualTo("INVALID_TIER");
        assertThat(jobs.newest(1000)).hasSize(jobsBefore);

        Api.Response unknown = admin.get("/api/v1/admin/imports/nosuchimport");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("IMPORT_NOT_FOUND");
        assertThat(api().newMember().multipart("POST", "/api/v1/admin/imports", Map.of(), "a.zip",
                TestZips.gbkZip(Map.of())).status()).isEqualTo(403);
    }

    @Test
    @DisplayName("a job left RUNNING by a crash resumes from its stored archive: each file is imported exactly once")
    void resumesAfterACrash() throws Exception {
        Api admin = api().asAdmin();
        String editor = admin.userId();
        Map<String, byte[]> documents = TestZips.realDocuments(Words.unique(), "D06", "D08", "E01");
        List<String> names = new ArrayList<>(documents.keySet());
        String key = store.putArchive(new ByteArrayResource(TestZips.gbkZip(documents)));
        String jobId = "crashedjob" + Words.unique().hashCode();
        jobs.insert(new ImportJobRepository.StoredJob(jobId, ImportJob.Status.RUNNING, "crashed.zip", key, editor,
                ImportDetails.none(), 3, Instant.now(), null));
        long before = materials.count();
        // the first file was imported with its item; the second was imported but the crash came before its item
        ImportOutcome first = materials.importUnlessDuplicate(draft(names.get(0), documents), editor);
        String firstId = ((ImportOutcome.Imported) first).result().material().id();
        jobs.insertItem(jobId, new ImportItem(0, names.get(0), ImportItem.Status.IMPORTED, firstId, null, null));
        ImportOutcome second = materials.importUnlessDuplicate(draft(names.get(1), documents), editor);
        String secondId = ((ImportOutcome.Imported) second).result().material().id();

        assertThat(runner.resumeUnfinished()).isPositive();
        JsonNode job = awaitDone(admin, jobId);

        assertThat(outcomes(job)).containsExactly(names.get(0) + " IMPORTED", names.get(1) + " DUPLICATE",
                names.get(2) + " IMPORTED");
        assertThat(job.get("items").get(0).get("materialId").asString()).isEqualTo(firstId);
        assertThat(job.get("items").get(1).get("materialId").asString()).isEqualTo(secondId);
        assertThat(materials.count()).isEqualTo(before + 3);
        assertThat(store.copy(key)).as("the archive is deleted once the job is done").isEmpty();
    }

    private static MaterialDraft draft(String name, Map<String, byte[]> documents) {
        return new MaterialDraft(null, name, documents.get(name), null, null, null, null, null, null);
    }
}
