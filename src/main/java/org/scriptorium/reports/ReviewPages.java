package org.scriptorium.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.scriptorium.account.Account;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.Rejected;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The editors' review queue and case pages: decide, restore an account, download the case file and evidence. */
@Controller
class ReviewPages {

    static final String QUEUE = "reports/queue";
    static final String CASE = "reports/case";

    private final CaseReview review;
    private final Accounts accounts;

    ReviewPages(CaseReview review, Accounts accounts) {
        this.review = review;
        this.accounts = accounts;
    }

    /** Pending cases unless another status (or {@code ALL}) is asked for. */
    @GetMapping("/admin/reports")
    String queue(@RequestParam(defaultValue = "PENDING") String status, @RequestParam(required = false) ReportKind kind,
                 Model model) {
        ReportStatus chosen = Arrays.stream(ReportStatus.values()).filter(s -> s.name().equals(status))
                .findFirst().orElse(null);
        CaseReview.Queue queue = review.queue(chosen, kind);
        model.addAttribute("cases", queue.cases());
        model.addAttribute("counts", queue.counts());
        model.addAttribute("status", chosen == null ? "ALL" : chosen.name());
        model.addAttribute("kind", kind);
        model.addAttribute("statuses", ReportStatus.values());
        model.addAttribute("kinds", ReportKind.values());
        return QUEUE;
    }

    @GetMapping("/admin/reports/{id}")
    String detail(@PathVariable String id, Model model) {
        model.addAttribute("detail", review.detail(id));
        return CASE;
    }

    /**
     * @param userIds the suspects the editor kept ticked
     * @param extra   more accounts, by member number, e-mail address or id, separated by commas or spaces
     */
    @PostMapping("/admin/reports/{id}/uphold")
    String uphold(@PathVariable String id, @RequestParam(required = false) List<String> userIds,
                  @RequestParam(required = false) String extra, @RequestParam(required = false) String note,
                  @RequestParam(defaultValue = "false") boolean rewardAnyway, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            List<String> named = new ArrayList<>(userIds == null ? List.of() : userIds);
            named.addAll(resolve(extra));
            if (named.isEmpty()) {
                throw Rejected.invalid("LEAKERS_REQUIRED", "请至少勾选或填写一个泄露的账号。", "Name at least one account.");
            }
            Report r = review.uphold(id, named, note, rewardAnyway, currentUser());
            return "已核实并暂停 " + r.namedAccounts().size() + " 个账号。" + switch (r.outcome()) {
                case REWARDED -> "已奖励举报人「" + r.reward().planName() + "」。";
                case REPEAT -> "重复举报，未再奖励。";
                case SELF_REPORT -> "泄露来自举报人本人，未奖励。";
                case REPORTER_IMPLICATED -> "证据与举报人本人的副本相符，未奖励。";
                case NO_REPORTER -> "";
            };
        });
    }

    @PostMapping("/admin/reports/{id}/reject")
    String reject(@PathVariable String id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            review.reject(id, reason, currentUser());
            return "已标记为不予采纳，举报人会看到原因。";
        });
    }

    @PostMapping("/admin/reports/{id}/unsuspend")
    String unsuspend(@PathVariable String id, @RequestParam String userId, @RequestParam(required = false) String reason,
                     RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            review.unsuspend(id, userId, reason, currentUser());
            return "已恢复该账号。";
        });
    }

    @GetMapping("/admin/reports/{id}/case-file.pdf")
    ResponseEntity<byte[]> caseFile(@PathVariable String id) {
        return ReportApiController.attachment("案卷-" + id + ".pdf", MediaType.APPLICATION_PDF_VALUE,
                review.caseFile(id, currentUser()));
    }

    @GetMapping("/admin/reports/{id}/files/{fileId}")
    ResponseEntity<byte[]> evidence(@PathVariable String id, @PathVariable String fileId) {
        CaseReview.EvidenceDownload file = review.evidence(id, fileId);
        return ReportApiController.attachment(file.name(), file.mediaType(), file.content());
    }

    /** Member numbers, e-mail addresses or ids, as an editor types them. */
    private List<String> resolve(String extra) {
        List<String> ids = new ArrayList<>();
        if (extra == null || extra.isBlank()) {
            return ids;
        }
        for (String token : extra.strip().split("[\\s,，、;；]+")) {
            Account account = (token.matches("\\d{1,18}") ? accounts.findByMemberNumber(Long.parseLong(token))
                    : token.contains("@") ? accounts.findByEmail(token) : accounts.find(token))
                    .orElseThrow(() -> Rejected.notFound("USER_NOT_FOUND", "找不到账号：" + token, "No such account: " + token));
            ids.add(account.id());
        }
        return ids;
    }

    private interface Action {
        String run();
    }

    private String act(String id, RedirectAttributes redirect, Action action) {
        try {
            redirect.addFlashAttribute("message", action.run());
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/admin/reports/" + id;
    }

    private static String currentUser() {
        return AccountPrincipal.currentUserId().orElseThrow();
    }
}
