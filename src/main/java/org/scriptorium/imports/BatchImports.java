package org.scriptorium.imports;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Service;

/**
 * Batch imports: an archive of documents (or several files) is stored, then imported in the background one document
 * at a time through the library's own import, exact re-imports listed as duplicates; its progress and each file's
 * outcome can be read meanwhile.
 */
@Service
public class BatchImports {

    /** How many jobs the list shows. */
    static final int LIST_LIMIT = 50;

    private final ImportJobRepository jobs;
    private final ArchiveStore store;
    private final ImportRunner runner;
    private final Clock clock;

    BatchImports(ImportJobRepository jobs, ArchiveStore store, ImportRunner runner, Clock clock) {
        this.jobs = jobs;
        this.store = store;
        this.runner = runner;
        this.clock = clock;
    }

    /**
     * One uploaded file.
     *
     * @param name    its name as sent (for a zip, only its extension matters; for a document, it names the item)
     * @param content its bytes, read once as a stream
     */
    public record Upload(String name, InputStreamSource content) {
    }

    /**
     * Stores the upload and starts importing it in the background. One {@code .zip} is read as an archive of
     * documents; any other file, or several files, are each one document. Nothing is imported before this returns.
     *
     * @return the new job's id
     * @throws Rejected 422 {@code NO_FILE} when nothing was uploaded, {@code KIND_TOO_LONG} for a kind over 50 characters
     */
    public String start(List<Upload> uploads, ImportDetails details, String editorId) {
        List<Upload> files = uploads == null ? List.of() : uploads.stream().filter(u -> u != null && u.content() != null).toList();
        if (files.isEmpty()) {
            throw Rejected.invalid("NO_FILE", "请选择要导入的压缩包（.zip）或文件。", "Choose a .zip archive or files to import.");
        }
        if (details.kind() != null && details.kind().length() > 50) {
            throw Rejected.invalid("KIND_TOO_LONG", "文种名称不能超过 50 个字。", "The kind must be at most 50 characters.");
        }
        Upload first = files.getFirst();
        boolean archive = files.size() == 1 && first.name() != null
                && first.name().strip().toLowerCase(Locale.ROOT).endsWith(".zip");
        String key = archive ? store.putArchive(first.content())
                : store.putFiles(files.stream().map(f -> new ArchiveStore.Upload(f.name(), f.content())).toList());
        String id = Ids.newId();
        String uploadName = first.name() == null || first.name().isBlank() ? "upload" : first.name().strip();
        if (files.size() > 1) {
            uploadName = uploadName + " 等 " + files.size() + " 个文件";
        }
        try {
            jobs.insert(new ImportJobRepository.StoredJob(id, ImportJob.Status.RUNNING,
                    uploadName.length() > 500 ? uploadName.substring(0, 500) : uploadName, key, editorId, details, 0,
                    clock.instant(), null));
        } catch (RuntimeException e) {
            store.delete(key);
            throw e;
        }
        runner.submit(id);
        return id;
    }

    /** A job with every item done so far, in archive order. */
    public Optional<ImportJob> job(String id) {
        return jobs.find(id).map(j -> view(j, jobs.items(id)));
    }

    /**
     * A job with every item done so far.
     *
     * @throws Rejected 404 {@code IMPORT_NOT_FOUND} when there is no such job
     */
    public ImportJob get(String id) {
        return job(id).orElseThrow(BatchImports::notFound);
    }

    /** A job's progress without its items, for polling. */
    public Optional<ImportJob> summary(String id) {
        return jobs.find(id).map(j -> view(j, List.of()));
    }

    /** The newest jobs first, without their items. */
    public List<ImportJob> newest() {
        return jobs.newest(LIST_LIMIT).stream().map(j -> view(j, List.of())).toList();
    }

    private ImportJob view(ImportJobRepository.StoredJob j, List<ImportItem> items) {
        int[] counts = jobs.counts(j.id());
        return new ImportJob(j.id(), j.status(), j.uploadName(), j.createdAt(), j.finishedAt(), j.total(),
                counts[0], counts[1], counts[2], items);
    }

    static Rejected notFound() {
        return Rejected.notFound("IMPORT_NOT_FOUND", "没有这个批量导入任务。", "No such batch import.");
    }
}
