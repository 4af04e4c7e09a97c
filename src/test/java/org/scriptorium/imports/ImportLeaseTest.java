package org.scriptorium.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.DbTime;
import org.scriptorium.library.Materials;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** On several nodes a batch import is run by the node that holds its lease, and by another once that node is gone. */
@DisplayName("Batch imports on several nodes: one node runs a job, another takes it over when its lease runs out")
class ImportLeaseTest extends IntegrationTest {

    @Autowired
    ImportRunner runner;
    @Autowired
    ImportJobRepository jobs;
    @Autowired
    ArchiveStore store;
    @Autowired
    Materials materials;
    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("a job another node holds is left alone; once its lease has run out this node finishes it, each file once")
    void takenOverAfterTheLease() throws InterruptedException {
        String editor = api().asAdmin().userId();
        Map<String, byte[]> documents = TestZips.realDocuments(Words.unique(), "D06", "E01");
        String jobId = job(editor, TestZips.gbkZip(documents));
        Instant now = Instant.now();
        assertThat(jobs.claim(jobId, "othernode", now, now.plus(Duration.ofHours(1)))).isTrue();
        long before = materials.count();

        runner.run(jobId);
        runner.takeOverAbandoned();
        assertThat(jobs.unheld(Instant.now())).extracting(ImportJobRepository.StoredJob::id).doesNotContain(jobId);
        assertThat(jobs.find(jobId).orElseThrow().status()).isEqualTo(ImportJob.Status.RUNNING);
        assertThat(jobs.items(jobId)).isEmpty();
        assertThat(materials.count()).isEqualTo(before);

        // The other node died: its lease runs out.
        jdbc.sql("UPDATE import_jobs SET lease_until = ? WHERE id = ?")
                .params(DbTime.of(Instant.now().minusSeconds(1)), jobId).update();
        assertThat(jobs.unheld(Instant.now())).extracting(ImportJobRepository.StoredJob::id).contains(jobId);
        assertThat(runner.takeOverAbandoned()).isPositive();

        Instant deadline = Instant.now().plusSeconds(60);
        while (jobs.find(jobId).orElseThrow().status() != ImportJob.Status.DONE) {
            assertThat(Instant.now()).as("the job is not done within 60 s").isBefore(deadline);
            Thread.sleep(100);
        }
        List<String> statuses = new ArrayList<>();
        jobs.items(jobId).forEach(item -> statuses.add(item.status().name()));
        assertThat(statuses).containsExactly("IMPORTED", "IMPORTED");
        assertThat(materials.count()).isEqualTo(before + 2);
        assertThat(jdbc.sql("SELECT runner FROM import_jobs WHERE id = ?").param(jobId).query(String.class).optional())
                .as("a finished job is nobody's").isEmpty();
    }

    @Test
    @DisplayName("a node whose job was taken over can neither renew nor finish it; a clean stop lets its jobs go at once")
    void leases() {
        String editor = api().asAdmin().userId();
        String jobId = job(editor, TestZips.gbkZip(TestZips.realDocuments(Words.unique(), "D06")));
        Instant now = Instant.now();
        Duration lease = Duration.ofMinutes(2);

        assertThat(jobs.claim(jobId, "nodeA", now, now.plus(lease))).isTrue();
        assertThat(jobs.claim(jobId, "nodeB", now.plusSeconds(60), now.plusSeconds(60).plus(lease)))
                .as("held by A until its lease runs out").isFalse();
        assertThat(jobs.renew(jobId, "nodeA", now.plusSeconds(90).plus(lease))).isTrue();
        assertThat(jobs.claim(jobId, "nodeB", now.plusSeconds(150), now.plusSeconds(150).plus(lease)))
                .as("A renewed: still A's").isFalse();
        Instant later = now.plus(Duration.ofMinutes(10));
        assertThat(jobs.claim(jobId, "nodeB", later, later.plus(lease))).as("A stalled past its lease").isTrue();
        assertThat(jobs.renew(jobId, "nodeA", later.plus(lease))).isFalse();
        assertThat(jobs.finish(jobId, "nodeA", later)).isFalse();
        assertThat(jobs.find(jobId).orElseThrow().status()).isEqualTo(ImportJob.Status.RUNNING);

        assertThat(jobs.release("nodeB")).isEqualTo(1);
        assertThat(jobs.unheld(now)).extracting(ImportJobRepository.StoredJob::id).contains(jobId);
        assertThat(jobs.claim(jobId, "nodeC", now, now.plus(lease))).isTrue();
        assertThat(jobs.finish(jobId, "nodeC", now)).isTrue();
        assertThat(jobs.claim(jobId, "nodeA", later.plus(lease), later.plus(lease).plus(lease)))
                .as("a finished job is claimed by nobody").isFalse();
        assertThat(jobs.unheld(later.plus(lease))).extracting(ImportJobRepository.StoredJob::id).doesNotContain(jobId);
    }

    private String job(String editor, byte[] zip) {
        String key = store.putArchive(new ByteArrayResource(zip));
        String jobId = "leasejob" + Integer.toHexString(Words.unique().hashCode());
        jobs.insert(new ImportJobRepository.StoredJob(jobId, ImportJob.Status.RUNNING, "lease.zip", key, editor,
                ImportDetails.none(), 0, Instant.now(), null));
        return jobId;
    }
}
