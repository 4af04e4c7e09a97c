package org.scriptorium.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejects;
import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The batch import part of the JSON API, for editors. */
@RestController
@RequestMapping("/api/v1/admin/imports")
class ImportApiController {

    private final BatchImports imports;
    private final ZoneId zone;

    ImportApiController(BatchImports imports, ScriptoriumProperties properties) {
        this.imports = imports;
        this.zone = properties.zone();
    }

    record Started(String importId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(String file, ImportItem.Status status, String materialId, String code, String detail) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Job(String importId, ImportJob.Status status, String uploadName, Instant createdAt, Instant finishedAt,
               int total, int imported, int duplicates, int failed, List<Item> items) {
        static Job of(ImportJob j, boolean withItems) {
            return new Job(j.id(), j.status(), j.uploadName(), j.createdAt(), j.finishedAt(), j.total(), j.imported(),
                    j.duplicates(), j.failed(), withItems ? j.items().stream()
                    .map(i -> new Item(i.file(), i.status(), i.materialId(), i.code(), i.detail())).toList() : null);
        }
    }

    @Operation(summary = "Import an archive", description = "Multipart `file`: one .zip of documents, or several "
            + "files (each one document). `tier`, `kind`, `topics`, `publishedAt` apply to every document. Answers at "
            + "once with the job's id; the documents are imported in the background, one at a time, each exactly as "
            + "a single import (exact re-imports are listed as DUPLICATE and not published again). Refusals of one "
            + "file (UNSAFE_NAME, NESTED_ARCHIVE, FILE_TOO_LARGE, ZIP_BOMB, ENCRYPTED_ZIP, MALFORMED_ZIP, the "
            + "import's own codes) are items of the job, never an error of the request.")
    @Rejects(status = 422, codes = {"NO_FILE", "INVALID_TIER", "INVALID_TIME", "KIND_TOO_LONG"})
    @Rejects(status = 400, codes = "OUT_OF_RANGE")
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Started start(@RequestParam(name = "file", required = false) List<MultipartFile> file,
                  @RequestParam(required = false) String tier,
                  @RequestParam(required = false) String kind,
                  @RequestParam(required = false) String topics,
                  @RequestParam(required = false) String publishedAt) {
        ImportDetails details = ImportForm.details(tier, kind, topics, publishedAt, zone);
        return new Started(imports.start(ImportForm.uploads(file), details, AccountPrincipal.currentUserId().orElseThrow()));
    }

    @Operation(summary = "Read a batch import", description = "Its status (RUNNING or DONE), how many files it has "
            + "(`total`, known once the archive is listed) and each file done so far, in archive order: IMPORTED with "
            + "its `materialId`, DUPLICATE with the existing material's, FAILED with a `code` and its Chinese `detail`.")
    @Rejects(status = 404, codes = "IMPORT_NOT_FOUND")
    @GetMapping("/{importId}")
    Job get(@PathVariable String importId) {
        return Job.of(imports.get(importId), true);
    }

    @Operation(summary = "List batch imports", description = "The newest 50 jobs first, without their items.")
    @GetMapping
    List<Job> list() {
        return imports.newest().stream().map(j -> Job.of(j, false)).toList();
    }
}
