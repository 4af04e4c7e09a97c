package org.scriptorium.reports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejects;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Reports in the JSON API: filing and the reporter's own list; the review queue and decisions for editors. */
@RestController
@RequestMapping("/api/v1")
class ReportApiController {

    private final Reports reports;
    private final CaseReview review;

    ReportApiController(Reports reports, CaseReview review) {
        this.reports = reports;
        this.review = review;
    }

    record Filed(String reportId) {
    }

    /** @param rewardAnyway reward a reporter whose own copies match the evidence all the same (default false) */
    record UpholdRequest(List<String> userIds, String note, Boolean rewardAnyway) {
    }

    record RejectRequest(String reason) {
    }

    record UnsuspendRequest(String userId, String reason) {
    }

    @Operation(summary = "Report a reseller", description = "`where` the copy was found (shop, group, link), a "
            + "`statement`, and the evidence: pasted `text` and/or files (.txt, .docx, .pdf, .png, .jpg).")
    @Rejects(status = 422, codes = {"WHERE_REQUIRED", "WHERE_TOO_LONG", "STATEMENT_TOO_LONG", "EVIDENCE_REQUIRED",
            "TOO_MANY_FILES", "UNSUPPORTED_FORMAT", "NOT_AN_IMAGE", "EMPTY_TEXT", "UNREADABLE_TEXT", "ENCRYPTED_PDF",
            "MALFORMED_PDF", "MALFORMED_DOCX"})
    @Rejects(status = 413, codes = {"FILE_TOO_LARGE", "EVIDENCE_TOO_LARGE", "TEXT_TOO_LONG"})
    @Rejects(status = 429, codes = "REPORT_LIMIT_REACHED")
    @PostMapping("/reports")
    @ResponseStatus(HttpStatus.CREATED)
    Filed file(@RequestParam(required = false) String where, @RequestParam(required = false) String statement,
               @RequestParam(required = false) String text,
               @RequestParam(name = "file", required = false) List<MultipartFile> files) throws IOException {
        return new Filed(reports.file(currentUser(), where, statement, text, submitted(files)));
    }

    @Operation(summary = "The caller's reports", description = "With their status and reward.")
    @GetMapping("/me/reports")
    List<ReportSummary> mine() {
        return reports.mine(currentUser());
    }

    @Operation(summary = "The review queue", description = "Reports and signals, filtered by status and kind.")
    @GetMapping("/admin/reports")
    List<Report> queue(@RequestParam(required = false) ReportStatus status,
                       @RequestParam(required = false) ReportKind kind) {
        return review.queue(status, kind).cases();
    }

    @Operation(summary = "A case", description = "The report with its trace and named accounts, the decisions, the "
            + "ledger of the materials concerned and the reporter's history.")
    @Rejects(status = 404, codes = "REPORT_NOT_FOUND")
    @GetMapping("/admin/reports/{id}")
    CaseReview.CaseDetail detail(@PathVariable String id) {
        return review.detail(id);
    }

    @Operation(summary = "Uphold a report", description = "Suspends the named accounts (or those the tracer named) "
            + "and rewards the reporter.")
    @Rejects(status = 404, codes = {"REPORT_NOT_FOUND", "USER_NOT_FOUND"})
    @Rejects(status = 409, codes = "REPORT_ALREADY_DECIDED")
    @Rejects(status = 422, codes = {"LEAKERS_REQUIRED", "STAFF_ACCOUNT"})
    @PostMapping("/admin/reports/{id}/uphold")
    Report uphold(@PathVariable String id, @RequestBody(required = false) UpholdRequest body) {
        return review.uphold(id, body == null ? null : body.userIds(), body == null ? null : body.note(),
                body != null && Boolean.TRUE.equals(body.rewardAnyway()), currentUser());
    }

    @Operation(summary = "Reject a report")
    @Rejects(status = 404, codes = "REPORT_NOT_FOUND")
    @Rejects(status = 409, codes = "REPORT_ALREADY_DECIDED")
    @Rejects(status = 422, codes = "REASON_REQUIRED")
    @PostMapping("/admin/reports/{id}/reject")
    Report reject(@PathVariable String id, @RequestBody(required = false) RejectRequest body) {
        return review.reject(id, body == null ? null : body.reason(), currentUser());
    }

    @Operation(summary = "Restore an account a case suspended")
    @Rejects(status = 404, codes = {"REPORT_NOT_FOUND", "USER_NOT_FOUND"})
    @Rejects(status = 409, codes = "NOT_SUSPENDED")
    @Rejects(status = 422, codes = {"NOT_NAMED", "REASON_REQUIRED"})
    @PostMapping("/admin/reports/{id}/unsuspend")
    Report unsuspend(@PathVariable String id, @RequestBody UnsuspendRequest body) {
        return review.unsuspend(id, body.userId(), body.reason(), currentUser());
    }

    @Operation(summary = "The case file, as PDF")
    @ApiResponse(responseCode = "200", description = "The case file, as an attachment.",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    @Rejects(status = 404, codes = "REPORT_NOT_FOUND")
    @GetMapping("/admin/reports/{id}/case-file")
    ResponseEntity<byte[]> caseFile(@PathVariable String id) {
        return attachment("案卷-" + id + ".pdf", MediaType.APPLICATION_PDF_VALUE, review.caseFile(id, currentUser()));
    }

    @Operation(summary = "One file of a report's evidence", description = "Always an attachment, never shown inline.")
    @Rejects(status = 404, codes = {"REPORT_NOT_FOUND", "FILE_NOT_FOUND"})
    @GetMapping("/admin/reports/{id}/files/{fileId}")
    ResponseEntity<byte[]> evidence(@PathVariable String id, @PathVariable String fileId) {
        CaseReview.EvidenceDownload file = review.evidence(id, fileId);
        return attachment(file.name(), file.mediaType(), file.content());
    }

    /** Always an attachment, never shown inline: evidence comes from strangers. */
    static ResponseEntity<byte[]> attachment(String name, String mediaType, byte[] content) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .contentType(MediaType.parseMediaType(mediaType))
                .body(content);
    }

    static List<Reports.SubmittedFile> submitted(List<MultipartFile> files) throws IOException {
        List<Reports.SubmittedFile> submitted = new ArrayList<>();
        if (files != null) {
            for (MultipartFile f : files) {
                if (!f.isEmpty()) {
                    submitted.add(new Reports.SubmittedFile(f.getOriginalFilename(), f.getBytes()));
                }
            }
        }
        return submitted;
    }

    private static String currentUser() {
        return AccountPrincipal.currentUserId().orElseThrow();
    }
}
