package org.scriptorium.delivery;

import java.nio.charset.StandardCharsets;
import org.scriptorium.account.AccountPrincipal;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Downloads for the pages and the API; both go through {@link Downloads}, and so through the entitlement gate. */
@Controller
class DownloadController {

    private final Downloads downloads;

    DownloadController(Downloads downloads) {
        this.downloads = downloads;
    }

    @GetMapping({"/materials/{id}/download", "/api/v1/materials/{id}/download"})
    ResponseEntity<byte[]> download(@PathVariable String id, @RequestParam(defaultValue = "txt") String format) {
        Downloads.DownloadFile file = downloads.download(id, format, AccountPrincipal.currentUserId());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .contentType(MediaType.parseMediaType(file.contentType()))
                .body(file.content());
    }
}
