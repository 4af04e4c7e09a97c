package org.scriptorium.tracer;

import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.scriptorium.common.Rejects;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code POST /api/v1/admin/trace}: files and/or pasted text of a leak, answered with the tracer's verdict. */
@RestController
class TraceApiController {

    private final Tracer tracer;
    private final LeakIntake intake;

    TraceApiController(Tracer tracer, LeakIntake intake) {
        this.tracer = tracer;
        this.intake = intake;
    }

    @Operation(summary = "Trace a leak", description = "The pieces of one case: files (.txt, .docx, .pdf, .md) and/or "
            + "pasted `text`. A member is named only when the chance that any innocent member scores as high is below "
            + "the threshold; `notes` say what was found about the evidence.")
    @Rejects(status = 422, codes = {"NOTHING_TO_TRACE", "UNSUPPORTED_FORMAT", "EMPTY_TEXT", "UNREADABLE_TEXT",
            "ENCRYPTED_PDF", "MALFORMED_PDF", "MALFORMED_DOCX"})
    @Rejects(status = 413, codes = {"FILE_TOO_LARGE", "BUNDLE_TOO_LARGE"})
    @PostMapping("/api/v1/admin/trace")
    TraceResult trace(@RequestParam(name = "file", required = false) List<MultipartFile> files,
                      @RequestParam(required = false) String text) throws IOException {
        return tracer.trace(intake.leaks(submitted(files), text));
    }

    static List<LeakIntake.SubmittedFile> submitted(List<MultipartFile> files) throws IOException {
        List<LeakIntake.SubmittedFile> submitted = new ArrayList<>();
        if (files != null) {
            for (MultipartFile f : files) {
                if (!f.isEmpty()) {
                    submitted.add(new LeakIntake.SubmittedFile(f.getOriginalFilename(), f.getBytes()));
                }
            }
        }
        return submitted;
    }
}
