package org.scriptorium.membership;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.scriptorium.account.Account;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.Role;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.common.TimeInput;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The member's own page (status, redemption) and the operator's pages for plans, codes and users. */
@Controller
class MembershipPages {

    static final String ME = "membership/me";
    static final String PLANS = "membership/admin-plans";
    static final String USERS = "membership/admin-users";
    static final String USER = "membership/admin-user";

    private final Memberships memberships;
    private final Accounts accounts;
    private final ZoneId zone;

    MembershipPages(Memberships memberships, Accounts accounts, ScriptoriumProperties properties) {
        this.memberships = memberships;
        this.accounts = accounts;
        this.zone = properties.zone();
    }

    @GetMapping("/me")
    String me(Model model) {
        String userId = currentUser();
        model.addAttribute("terms", memberships.terms(userId));
        return ME;
    }

    @PostMapping("/me/redeem")
    String redeem(@RequestParam String code, jakarta.servlet.http.HttpServletRequest request, RedirectAttributes redirect) {
        try {
            MembershipStatus status = memberships.redeem(currentUser(), code, request.getRemoteAddr());
            redirect.addFlashAttribute("message", "兑换成功！会员有效期至 "
                    + status.endsAt().atZone(zone).toLocalDate() + "。");
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/me";
    }

    @GetMapping("/admin/plans")
    String plans(Model model) {
        model.addAttribute("plans", memberships.plans());
        model.addAttribute("batches", memberships.batches());
        return PLANS;
    }

    @PostMapping("/admin/plans")
    String createPlan(@RequestParam String name, @RequestParam int durationDays, @RequestParam int backCatalogDays,
                      RedirectAttributes redirect) {
        try {
            Plan plan = memberships.createPlan(name, durationDays, backCatalogDays);
            redirect.addFlashAttribute("message", "已创建套餐「" + plan.name() + "」。");
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/admin/plans";
    }

    @PostMapping("/admin/plans/{planId}/codes")
    String generate(@PathVariable String planId, @RequestParam int count, RedirectAttributes redirect) {
        try {
            Memberships.GeneratedCodes codes = memberships.generateCodes(planId, count, currentUser());
            redirect.addFlashAttribute("message", "已为「" + codes.plan().name() + "」生成 " + codes.codes().size() + " 个激活码。");
            redirect.addFlashAttribute("newCodes", codes.codes());
            redirect.addFlashAttribute("newBatch", codes.batchId());
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/admin/plans";
    }

    @GetMapping("/admin/batches/{batchId}/codes.csv")
    ResponseEntity<byte[]> csv(@PathVariable String batchId) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("激活码-" + batchId + ".csv", StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(memberships.batchCsv(batchId).getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/admin/users")
    String users(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("users", accounts.search(q, 100));
        return USERS;
    }

    @GetMapping("/admin/users/{userId}")
    String user(@PathVariable String userId, Model model) {
        Account user = accounts.get(userId);
        model.addAttribute("user", user);
        model.addAttribute("isEditor", user.roles().contains(Role.EDITOR));
        model.addAttribute("isAdmin", user.roles().contains(Role.ADMIN));
        model.addAttribute("status", memberships.status(userId).orElse(null));
        model.addAttribute("terms", memberships.terms(userId));
        model.addAttribute("plans", memberships.plans());
        return USER;
    }

    @PostMapping("/admin/users/{userId}/grant")
    String grant(@PathVariable String userId, @RequestParam String planId,
                 @RequestParam(required = false) String startsAt, RedirectAttributes redirect) {
        return act(userId, redirect, "已开通 / 续期。",
                () -> memberships.grant(userId, planId, TimeInput.parse("startsAt", startsAt, zone), currentUser()));
    }

    @PostMapping("/admin/users/{userId}/revoke")
    String revoke(@PathVariable String userId, RedirectAttributes redirect) {
        return act(userId, redirect, "已终止会员。", () -> memberships.revoke(userId));
    }

    @PostMapping("/admin/users/{userId}/suspend")
    String suspend(@PathVariable String userId, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return act(userId, redirect, "已暂停该账号。", () -> accounts.suspend(currentUser(), userId, reason));
    }

    @PostMapping("/admin/users/{userId}/unsuspend")
    String unsuspend(@PathVariable String userId, @RequestParam(required = false) String reason,
                     RedirectAttributes redirect) {
        return act(userId, redirect, "已恢复该账号。", () -> accounts.unsuspend(currentUser(), userId, reason));
    }

    /** Only administrators change who is staff (the security configuration and {@code Accounts} both say so). */
    @PostMapping("/admin/users/{userId}/roles")
    String roles(@PathVariable String userId, @RequestParam(required = false) Set<Role> roles, RedirectAttributes redirect) {
        return act(userId, redirect, "已更新角色。",
                () -> accounts.setRoles(currentUser(), userId, roles == null ? EnumSet.noneOf(Role.class) : roles));
    }

    private String act(String userId, RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("message", done);
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/admin/users/" + userId;
    }

    private static String currentUser() {
        return AccountPrincipal.currentUserId().orElseThrow();
    }
}
