package org.scriptorium.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scriptorium.common.DbTime;
import org.scriptorium.membership.Tier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Batch import jobs and their items: the import module's own two tables. */
@Repository
class ImportJobRepository {

    /** A job row; {@code archiveKey} is null once its archive is deleted. */
    record StoredJob(String id, ImportJob.Status status, String uploadName, String archiveKey, String editorId,
                     ImportDetails details, int total, Instant createdAt, Instant finishedAt) {
    }

    private final JdbcClient jdbc;

    ImportJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredJob job) {
        ImportDetails d = job.details();
        jdbc.sql("""
                INSERT INTO import_jobs (id, status, upload_name, archive_key, editor_id, tier, kind, topics, published_at,
                    total, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(job.id(), job.status().name(), job.uploadName(), job.archiveKey(), job.editorId(),
                        d.tier() == null ? null : d.tier().name(), d.kind(),
                        d.topics().isEmpty() ? null : String.join(",", d.topics()), DbTime.of(d.publishedAt()),
                        job.total(), DbTime.of(job.createdAt()))
                .update();
    }

    Optional<StoredJob> find(String id) {
        return jdbc.sql("SELECT * FROM import_jobs WHERE id = ?").param(id).query(ImportJobRepository::job).optional();
    }

    /** The newest jobs first. */
    List<StoredJob> newest(int limit) {
        return jdbc.sql("SELECT * FROM import_jobs ORDER BY created_at DESC, id LIMIT ?").param(limit)
                .query(ImportJobRepository::job).list();
    }

    /** Jobs not yet done, oldest first, whoever runs them: their archives are kept. */
    List<StoredJob> running() {
        return jdbc.sql("SELECT * FROM import_jobs WHERE status = 'RUNNING' ORDER BY created_at, id")
                .query(ImportJobRepository::job).list();
    }

    /** Jobs not yet done that no node holds at {@code now} (never started, released, or their lease ran out). */
    List<StoredJob> unheld(Instant now) {
        return jdbc.sql("""
                SELECT * FROM import_jobs WHERE status = 'RUNNING' AND (runner IS NULL OR lease_until < ?)
                ORDER BY created_at, id""")
                .param(DbTime.of(now)).query(ImportJobRepository::job).list();
    }

    /**
     * Leases a job not yet done to {@code runner} until {@code until}, unless another runner holds it at {@code now}.
     *
     * @return whether the job is now this runner's
     */
    boolean claim(String id, String runner, Instant now, Instant until) {
        return jdbc.sql("""
                UPDATE import_jobs SET runner = ?, lease_until = ?
                WHERE id = ? AND status = 'RUNNING' AND (runner IS NULL OR runner = ? OR lease_until < ?)""")
                .params(runner, DbTime.of(until), id, runner, DbTime.of(now)).update() == 1;
    }

    /**
     * Extends the runner's lease. Called first in each transaction that writes for the job: the row stays locked to
     * its commit, so another node's {@link #claim} waits and then sees the new lease.
     *
     * @return false when the job is no longer this runner's (another node took it over) or is done
     */
    boolean renew(String id, String runner, Instant until) {
        return jdbc.sql("UPDATE import_jobs SET lease_until = ? WHERE id = ? AND runner = ? AND status = 'RUNNING'")
                .params(DbTime.of(until), id, runner).update() == 1;
    }

    /** Lets go of every job the runner holds (a clean stop), so that another node takes them up at once. */
    int release(String runner) {
        return jdbc.sql("UPDATE import_jobs SET runner = NULL, lease_until = NULL WHERE runner = ? AND status = 'RUNNING'")
                .param(runner).update();
    }

    void setTotal(String id, int total) {
        jdbc.sql("UPDATE import_jobs SET total = ? WHERE id = ?").params(total, id).update();
    }

    /** Marks the runner's job done; false when it is not the runner's any more. */
    boolean finish(String id, String runner, Instant at) {
        return jdbc.sql("""
                UPDATE import_jobs SET status = 'DONE', archive_key = NULL, finished_at = ?, runner = NULL, lease_until = NULL
                WHERE id = ? AND runner = ? AND status = 'RUNNING'""")
                .params(DbTime.of(at), id, runner).update() == 1;
    }

    void insertItem(String jobId, ImportItem item) {
        jdbc.sql("""
                INSERT INTO import_items (job_id, item_order, file_name, status, material_id, code, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(jobId, item.position(), clip(item.file(), 1000), item.status().name(), item.materialId(),
                        item.code(), clip(item.detail(), 1000))
                .update();
    }

    List<ImportItem> items(String jobId) {
        return jdbc.sql("SELECT * FROM import_items WHERE job_id = ? ORDER BY item_order").param(jobId)
                .query((rs, n) -> new ImportItem(rs.getInt("item_order"), rs.getString("file_name"),
                        ImportItem.Status.valueOf(rs.getString("status")), rs.getString("material_id"),
                        rs.getString("code"), rs.getString("detail")))
                .list();
    }

    /** The positions of the items already done. */
    Set<Integer> donePositions(String jobId) {
        return new HashSet<>(jdbc.sql("SELECT item_order FROM import_items WHERE job_id = ?").param(jobId)
                .query(Integer.class).list());
    }

    /** How many items of the job have each status: imported, duplicates, failed. */
    int[] counts(String jobId) {
        int[] counts = new int[3];
        jdbc.sql("SELECT status, COUNT(*) AS n FROM import_items WHERE job_id = ? GROUP BY status").param(jobId)
                .query(rs -> {
                    counts[ImportItem.Status.valueOf(rs.getString("status")).ordinal()] = rs.getInt("n");
                });
        return counts;
    }

    private static StoredJob job(ResultSet rs, int n) throws SQLException {
        String tier = rs.getString("tier");
        String topics = rs.getString("topics");
        return new StoredJob(rs.getString("id"), ImportJob.Status.valueOf(rs.getString("status")),
                rs.getString("upload_name"), rs.getString("archive_key"), rs.getString("editor_id"),
                new ImportDetails(tier == null ? null : Tier.valueOf(tier), rs.getString("kind"),
                        topics == null ? List.of() : List.of(topics.split(",")),
                        DbTime.toInstant(rs.getObject("published_at", OffsetDateTime.class))),
                rs.getInt("total"), DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)),
                DbTime.toInstant(rs.getObject("finished_at", OffsetDateTime.class)));
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
