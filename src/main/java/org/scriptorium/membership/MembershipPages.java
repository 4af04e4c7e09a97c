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
    static final String OFFERS = "membership/plans";
    static final String REDEEM = "membership/redeem";

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
        model.addAttribute("offers", memberships.plansOnSale());
        return ME;
    }

    /** The plans on sale, for anyone (issue 16, buying and renewal). */
    @GetMapping("/plans")
    String offers(Model model) {
        model.addAttribute("offers", memberships.plansOnSale());
        return OFFERS;
    }

    /** Redemption on a page of its own, reached from the paywall: {@code next} is where to go once redeemed. */
    @GetMapping("/me/redeem")
    String redeemPage(@RequestParam(required = false) String next, Model model) {
        model.addAttribute("next", localPath(next));
        return REDEEM;
    }

    @PostMapping("/me/redeem")
    String redeem(@RequestParam String code, @RequestParam(required = false) String next,
                  jakarta.servlet.http.HttpServletRequest request, RedirectAttributes redirect) {
        String back = localPath(next);
        try {
            MembershipStatus status = memberships.redeem(currentUser(), code, request.getRemoteAddr());
            redirect.addFlashAttribute("message", "兑换成功！会员有效期至 "
                    + status.endsAt().atZone(zone).toLocalDate() + "。");
            return "redirect:" + (back == null ? "/me" : back);
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
            if (back == null) {
                return "redirect:/me";
            }
            redirect.addAttribute("next", back);
            return "redirect:/me/redeem";
        }
    }

    /**
     * A path on this site to return to, or null: never another site ({@code //host}, {@code /\host}), so the
     * redemption form cannot be made into an open redirect.
     */
    static String localPath(String next) {
        if (next == null || next.length() > 500 || !next.startsWith("/") || next.startsWith("//")
                || next.chars().anyMatch(c -> c < ' ' || c == '\\')) {
            return null;
        }
        return next;
    }

    @GetMapping("/admin/plans")
    String plans(Model model) {
        model.addAttribute("plans", memberships.plans());
        model.addAttribute("batches", memberships.batches());
        return PLANS;
    }

    @PostMapping("/admin/plans")
    String createPlan(@RequestParam String name, @RequestParam int durationDays, @RequestParam int backCatalogDays,
                      @RequestParam(required = false) String price, @RequestParam(required = false) String description,
                      @RequestParam(required = false) String shopUrl, RedirectAttributes redirect) {
        return onPlans(redirect, () -> "已创建套餐「" + memberships.createPlan(name, durationDays, backCatalogDays,
                PlanListing.of(price(price), description, shopUrl)).name() + "」。");
    }

    @PostMapping("/admin/plans/{planId}")
    String changePlan(@PathVariable String planId, @RequestParam String name,
                      @RequestParam(required = false) String price, @RequestParam(required = false) String description,
                      @RequestParam(required = false) String shopUrl, RedirectAttributes redirect) {
        return onPlans(redirect, () -> "已保存套餐「" + memberships.changePlan(planId, name,
                PlanListing.of(price(price), description, shopUrl), currentUser()).name() + "」。");
    }

    @PostMapping("/admin/plans/{planId}/retire")
    String retirePlan(@PathVariable String planId, RedirectAttributes redirect) {
        return onPlans(redirect, () -> "已停售套餐「" + memberships.retirePlan(planId, currentUser()).name()
                + "」：不再生成激活码，已有会员期和激活码不变。");
    }

    @PostMapping("/admin/batches/{batchId}/void")
    String voidBatch(@PathVariable String batchId, RedirectAttributes redirect) {
        return onPlans(redirect, () -> {
            CodeBatch batch = memberships.voidBatch(batchId, currentUser());
            return "已作废批次 " + batch.id() + "：" + (batch.count() - batch.redeemed()) + " 个未兑换的激活码失效。";
        });
    }

    private static String onPlans(RedirectAttributes redirect, java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/admin/plans";
    }

    /** A price typed in 元 ("199", "19.9"); blank for none. */
    private static java.math.BigDecimal price(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return new java.math.BigDecimal(typed.strip().replace("¥", "").replace("￥", "").strip());
        } catch (NumberFormatException e) {
            throw Rejected.ofField(422, "INVALID_PRICE", "price", "价格须是数字（单位：元），如 199 或 19.9。",
                    "The price must be a number of yuan, such as 199 or 19.9.");
        }
    }

    @PostMapping("/admin/plans/{planId}/codes")
    String generate(@PathVariable String planId, @RequestParam int count, @RequestParam(required = false) String channel,
                    RedirectAttributes redirect) {
        try {
            Memberships.GeneratedCodes codes = memberships.generateCodes(planId, count, channel, currentUser());
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
