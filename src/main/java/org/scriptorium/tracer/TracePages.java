package org.scriptorium.tracer;

import java.io.IOException;
import java.util.List;
import org.scriptorium.common.Rejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The operator's tracing page: upload a leak, read the verdict. */
@Controller
class TracePages {

    static final String PAGE = "tracer/trace";

    private final Tracer tracer;
    private final LeakIntake intake;

    TracePages(Tracer tracer, LeakIntake intake) {
        this.tracer = tracer;
        this.intake = intake;
    }

    @GetMapping("/admin/trace")
    String page() {
        return PAGE;
    }

    @PostMapping("/admin/trace")
    String trace(@RequestParam(name = "file", required = false) List<MultipartFile> files,
                 @RequestParam(required = false) String text, Model model) throws IOException {
        try {
            model.addAttribute("result", tracer.trace(intake.leaks(TraceApiController.submitted(files), text)));
        } catch (Rejected e) {
            model.addAttribute("error", e.chinese());
        }
        return PAGE;
    }
}
