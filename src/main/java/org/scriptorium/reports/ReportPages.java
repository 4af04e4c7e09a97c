package org.scriptorium.reports;

import java.io.IOException;
import java.util.List;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The reporter's pages: the report form (举报倒卖) and their own reports and notices (我的举报). */
@Controller
class ReportPages {

    static final String FORM = "reports/new";
    static final String MINE = "reports/mine";

    private final Reports reports;

    ReportPages(Reports reports) {
        this.reports = reports;
    }

    @GetMapping("/reports/new")
    String form(Model model) {
        model.addAttribute("rules", reports.rules());
        return FORM;
    }

    @PostMapping("/reports/new")
    String file(@RequestParam(required = false) String where, @RequestParam(required = false) String statement,
                @RequestParam(required = false) String text,
                @RequestParam(name = "file", required = false) List<MultipartFile> files,
                Model model, RedirectAttributes redirect) throws IOException {
        try {
            String id = reports.file(currentUser(), where, statement, text, ReportApiController.submitted(files));
            redirect.addFlashAttribute("message", "举报已提交（编号 " + id + "），编辑核实后会在这里告诉您结果。");
            return "redirect:/me/reports";
        } catch (Rejected e) {
            model.addAttribute("error", e.chinese());
            model.addAttribute("where", where);
            model.addAttribute("statement", statement);
            model.addAttribute("text", text);
            model.addAttribute("rules", reports.rules());
            return FORM;
        }
    }

    @GetMapping("/me/reports")
    String mine(Model model) {
        String userId = currentUser();
        model.addAttribute("reports", reports.mine(userId));
        // Shown as new this once, then marked read.
        model.addAttribute("notices", reports.notices(userId));
        reports.markNoticesRead(userId);
        return MINE;
    }

    private static String currentUser() {
        return AccountPrincipal.currentUserId().orElseThrow();
    }
}
