package org.scriptorium.membership;

import io.swagger.v3.oas.annotations.Operation;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import org.scriptorium.account.Account;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.Role;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.Rejects;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.common.TimeInput;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's membership, redemption, and the operator's plans, codes, grants and suspensions. */
@RestController
@RequestMapping("/api/v1")
class MembershipApiController {

    private final Memberships memberships;
    private final Accounts accounts;
    private final ZoneId zone;

    MembershipApiController(Memberships memberships, Accounts accounts, ScriptoriumProperties properties) {
        this.memberships = memberships;
        this.accounts = accounts;
        this.zone = properties.zone();
    }

    record Me(String userId, String email, String displayName, List<Role> roles, MembershipStatus membership) {
    }

    record Redeem(String code) {
    }

    record NewPlan(String name, Integer durationDays, Integer backCatalogDays, BigDecimal price, String description,
                   String shopUrl) {
    }

    record PlanChange(String name, BigDecimal price, String description, String shopUrl) {
    }

    record CodeRequest(Integer count, String channel) {
    }

    record Codes(String batchId, String planId, String channel, List<String> codes) {
    }

    /** A plan as buyers see it. */
    record Offer(String id, String name, int durationDays, int backCatalogDays, BigDecimal price, String priceLabel,
                 String description, String shopUrl) {

        static Offer of(Plan plan) {
            return new Offer(plan.id(), plan.name(), plan.durationDays(), plan.backCatalogDays(), plan.price(),
                    plan.priceLabel(), plan.description(), plan.shopUrl());
        }
    }

    /** The caller's membership (null when none is active) and the plans they may buy to start or renew one. */
    record MyMembership(MembershipStatus membership, List<Offer> plans) {
    }

    record GrantRequest(String planId, String startsAt) {
    }

    record SuspendRequest(String reason) {
    }

    record UserState(String userId, String email, boolean suspended, String suspendedReason, MembershipStatus membership) {
    }

    @Operation(summary = "The caller's account and membership")
    @GetMapping("/me")
    Me me() {
        Account account = accounts.get(currentUser());
        return new Me(account.id(), account.email(), account.displayName(),
                account.activeRoles().stream().sorted().toList(), memberships.status(account.id()).orElse(null));
    }

    @Operation(summary = "The caller's membership, with days left and where to renew, and the plans on sale")
    @GetMapping("/me/membership")
    MyMembership myMembership() {
        return new MyMembership(memberships.status(currentUser()).orElse(null), offers());
    }

    @Operation(summary = "The plans on sale", description = "Public: price, description and the shop that sells codes.")
    @GetMapping("/plans")
    List<Offer> offers() {
        return memberships.plansOnSale().stream().map(Offer::of).toList();
    }

    @Operation(summary = "Redeem an activation code", description = "Typed in any case, with or without dashes. "
            + "Redeemed while a membership is active, it extends the period.")
    @Rejects(status = 422, codes = "CODE_INVALID")
    @Rejects(status = 409, codes = {"CODE_ALREADY_REDEEMED", "CODE_VOIDED"})
    @Rejects(status = 403, codes = "ACCOUNT_SUSPENDED")
    @PostMapping("/me/redeem")
    MembershipStatus redeem(@RequestBody Redeem body, jakarta.servlet.http.HttpServletRequest request) {
        return memberships.redeem(currentUser(), body.code(), request.getRemoteAddr());
    }

    @Operation(summary = "Create a plan")
    @Rejects(status = 422, codes = {"INVALID_PLAN_NAME", "INVALID_DURATION", "INVALID_BACK_CATALOG", "INVALID_PRICE",
            "INVALID_DESCRIPTION", "INVALID_SHOP_URL"})
    @PostMapping("/admin/plans")
    @ResponseStatus(HttpStatus.CREATED)
    Plan createPlan(@RequestBody NewPlan body) {
        if (body.durationDays() == null) {
            throw Rejected.invalid("INVALID_DURATION", "请填写会员时长（天）。", "durationDays is required.");
        }
        return memberships.createPlan(body.name(), body.durationDays(),
                body.backCatalogDays() == null ? 3 * 365 : body.backCatalogDays(),
                PlanListing.of(body.price(), body.description(), body.shopUrl()));
    }

    @Operation(summary = "Rename a plan and set its price, description and shop link",
            description = "Replaces all four: an absent price, description or shop link is cleared.")
    @Rejects(status = 404, codes = "PLAN_NOT_FOUND")
    @Rejects(status = 422, codes = {"INVALID_PLAN_NAME", "INVALID_PRICE", "INVALID_DESCRIPTION", "INVALID_SHOP_URL"})
    @PutMapping("/admin/plans/{planId}")
    Plan changePlan(@PathVariable String planId, @RequestBody PlanChange body) {
        return memberships.changePlan(planId, body.name(),
                PlanListing.of(body.price(), body.description(), body.shopUrl()), currentUser());
    }

    @Operation(summary = "Retire a plan", description = "No new code batches, no longer offered; terms already given "
            + "and codes already generated stay valid (void a batch to stop its codes).")
    @Rejects(status = 404, codes = "PLAN_NOT_FOUND")
    @Rejects(status = 409, codes = "PLAN_RETIRED")
    @PostMapping("/admin/plans/{planId}/retire")
    Plan retirePlan(@PathVariable String planId) {
        return memberships.retirePlan(planId, currentUser());
    }

    @Operation(summary = "List the plans")
    @GetMapping("/admin/plans")
    List<Plan> plans() {
        return memberships.plans();
    }

    @Operation(summary = "Generate activation codes for a plan")
    @Rejects(status = 404, codes = "PLAN_NOT_FOUND")
    @Rejects(status = 409, codes = "PLAN_RETIRED")
    @Rejects(status = 422, codes = {"INVALID_COUNT", "INVALID_CHANNEL"})
    @PostMapping("/admin/plans/{planId}/codes")
    @ResponseStatus(HttpStatus.CREATED)
    Codes codes(@PathVariable String planId, @RequestBody CodeRequest body) {
        Memberships.GeneratedCodes generated = memberships.generateCodes(planId,
                body.count() == null ? 0 : body.count(), body.channel(), currentUser());
        return new Codes(generated.batchId(), planId, generated.channel(), generated.codes());
    }

    @Operation(summary = "List the code batches", description = "Newest first, with channel, redeemed count and voiding.")
    @GetMapping("/admin/code-batches")
    List<CodeBatch> batches() {
        return memberships.batches();
    }

    @Operation(summary = "Void a code batch", description = "Its unredeemed codes stop working (redeeming one answers "
            + "CODE_VOIDED); the redeemed ones keep their terms.")
    @Rejects(status = 404, codes = "BATCH_NOT_FOUND")
    @Rejects(status = 409, codes = "BATCH_VOIDED")
    @PostMapping("/admin/code-batches/{batchId}/void")
    CodeBatch voidBatch(@PathVariable String batchId) {
        return memberships.voidBatch(batchId, currentUser());
    }

    @Operation(summary = "Grant a membership", description = "From `startsAt` (default now), or extending an active one.")
    @Rejects(status = 404, codes = {"USER_NOT_FOUND", "PLAN_NOT_FOUND"})
    @Rejects(status = 422, codes = {"PLAN_REQUIRED", "INVALID_TIME"})
    @PostMapping("/admin/users/{userId}/grant")
    UserState grant(@PathVariable String userId, @RequestBody GrantRequest body) {
        if (body.planId() == null || body.planId().isBlank()) {
            throw Rejected.invalid("PLAN_REQUIRED", "请选择套餐。", "planId is required.");
        }
        memberships.grant(userId, body.planId(), TimeInput.parse("startsAt", body.startsAt(), zone), currentUser());
        return state(userId);
    }

    @Operation(summary = "Revoke a member's membership from now")
    @Rejects(status = 404, codes = "USER_NOT_FOUND")
    @PostMapping("/admin/users/{userId}/revoke")
    UserState revoke(@PathVariable String userId) {
        memberships.revoke(userId);
        return state(userId);
    }

    @Operation(summary = "Suspend an account")
    @Rejects(status = 404, codes = "USER_NOT_FOUND")
    @PostMapping("/admin/users/{userId}/suspend")
    UserState suspend(@PathVariable String userId, @RequestBody(required = false) SuspendRequest body) {
        accounts.suspend(currentUser(), userId, body == null ? null : body.reason());
        return state(userId);
    }

    @Operation(summary = "Lift an account's suspension")
    @Rejects(status = 404, codes = "USER_NOT_FOUND")
    @PostMapping("/admin/users/{userId}/unsuspend")
    UserState unsuspend(@PathVariable String userId, @RequestBody(required = false) SuspendRequest body) {
        accounts.unsuspend(currentUser(), userId, body == null ? null : body.reason());
        return state(userId);
    }

    private UserState state(String userId) {
        Account account = accounts.get(userId);
        return new UserState(account.id(), account.email(), account.suspended(), account.suspendedReason(),
                memberships.status(userId).orElse(null));
    }

    private static String currentUser() {
        return AccountPrincipal.currentUserId().orElseThrow();
    }
}
