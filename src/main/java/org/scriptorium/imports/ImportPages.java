package org.scriptorium.imports;

import java.time.ZoneId;
import java.util.List;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The editor's batch import pages: the upload form and recent jobs, and each job's progress and files. */
@Controller
@RequestMapping("/admin/imports")
class ImportPages {

    static final String LIST = "imports/list";
    static final String JOB = "imports/job";
    static final String PROGRESS = "imports/job :: progress";

    private final BatchImports imports;
    private final ZoneId zone;

    ImportPages(BatchImports imports, ScriptoriumProperties properties) {
        this.imports = imports;
        this.zone = properties.zone();
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("jobs", imports.newest());
        return LIST;
    }

    @PostMapping
    String start(@RequestParam(name = "file", required = false) List<MultipartFile> file,
                 @RequestParam(required = false) String tier,
                 @RequestParam(required = false) String kind,
                 @RequestParam(required = false) String topics,
                 @RequestParam(required = false) String publishedAt,
                 RedirectAttributes redirect) {
        try {
            ImportDetails details = ImportForm.details(tier, kind, topics, publishedAt, zone);
            String id = imports.start(ImportForm.uploads(file), details, AccountPrincipal.currentUserId().orElseThrow());
            return "redirect:/admin/imports/" + id;
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
            return "redirect:/admin/imports";
        }
    }

    @GetMapping("/{id}")
    String job(@PathVariable String id, Model model) {
        model.addAttribute("job", imports.get(id));
        return JOB;
    }

    /** The progress and the table alone, for the job page to refresh itself every second while the job runs. */
    @GetMapping("/{id}/progress")
    String progress(@PathVariable String id, Model model) {
        model.addAttribute("job", imports.get(id));
        return PROGRESS;
    }
}
