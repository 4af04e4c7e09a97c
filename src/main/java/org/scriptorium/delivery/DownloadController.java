package org.scriptorium.delivery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejects;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** Downloads for the pages and the API; both go through {@link Downloads}, and so through the entitlement gate. */
@Controller
class DownloadController {

    private final Downloads downloads;

    DownloadController(Downloads downloads) {
        this.downloads = downloads;
    }

    @Operation(summary = "Download the caller's personalised copy", description = "`format` txt, docx or pdf. "
            + "Placeholder values for the copy: `fill.place`, `fill.name`, `fill.number`, `fill.date` (2024-05-06), "
            + "`fill.other` for every placeholder of that meaning, `fill.<n>` for the n-th placeholder in reading order "
            + "(title first); at most 40 characters each, no invisible characters.")
    @ApiResponse(responseCode = "200", description = "The caller's own copy, as an attachment.", content = {
            @Content(mediaType = "text/plain", schema = @Schema(type = "string")),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary"))})
    @Rejects(status = 403, codes = "NOT_ENTITLED")
    @Rejects(status = 404, codes = "MATERIAL_NOT_FOUND")
    @Rejects(status = 422, codes = {"UNSUPPORTED_FORMAT", "UNSUPPORTED_LAYOUT", "LETTERHEAD_UNAVAILABLE",
            "FILL_IN_UNKNOWN", "FILL_IN_TOO_LONG", "FILL_IN_FORBIDDEN_CHARACTER", "FILL_IN_BAD_DATE", "FILL_IN_TOO_MANY"})
    @Rejects(status = 429, codes = "DOWNLOAD_LIMIT_REACHED")
    @GetMapping({"/materials/{id}/download", "/api/v1/materials/{id}/download"})
    @ResponseBody // for the API description: a @Controller's handler is described only with it
    ResponseEntity<byte[]> download(@PathVariable String id, @Parameter(schema = @Schema(allowableValues = {"txt", "docx",
            "pdf"})) @RequestParam(defaultValue = "txt") String format,
            @Parameter(description = "DOCX only: official (公文格式, default) or reading (阅读格式)", schema = @Schema(
                    allowableValues = {"official", "reading"})) @RequestParam(required = false) String layout,
            @Parameter(description = "DOCX and PDF: print the 版头 and 版记 of a 通知, 意见 or 方案")
            @RequestParam(defaultValue = "false") boolean letterhead,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
        Downloads.DownloadFile file = downloads.download(id, format, Downloads.Options.of(layout, letterhead),
                AccountPrincipal.currentUserId(), FillIns.from(parameters));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .contentType(MediaType.parseMediaType(file.contentType()))
                .body(file.content());
    }
}
