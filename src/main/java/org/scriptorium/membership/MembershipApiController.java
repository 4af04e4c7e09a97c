package org.scriptorium.membership;

import io.swagger.v3.oas.annotations.Operation;
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

    record NewPlan(String name, Integer durationDays, Integer backCatalogDays) {
    }

    record CodeRequest(Integer count) {
    }

    record Codes(String batchId, String planId, List<String> codes) {
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

    @Operation(summary = "Redeem an activation code", description = "Typed in any case, with or without dashes. "
            + "Redeemed while a membership is active, it extends the period.")
    @Rejects(status = 422, codes = "CODE_INVALID")
    @Rejects(status = 409, codes = "CODE_ALREADY_REDEEMED")
    @Rejects(status = 403, codes = "ACCOUNT_SUSPENDED")
    @PostMapping("/me/redeem")
    MembershipStatus redeem(@RequestBody Redeem body, jakarta.servlet.http.HttpServletRequest request) {
        return memberships.redeem(currentUser(), body.code(), request.getRemoteAddr());
    }

    @Operation(summary = "Create a plan")
    @Rejects(status = 422, codes = {"INVALID_PLAN_NAME", "INVALID_DURATION", "INVALID_BACK_CATALOG"})
    @PostMapping("/admin/plans")
    @ResponseStatus(HttpStatus.CREATED)
    Plan createPlan(@RequestBody NewPlan body) {
        if (body.durationDays() == null) {
            throw Rejected.invalid("INVALID_DURATION", "请填写会员时长（天）。", "durationDays is required.");
        }
        return memberships.createPlan(body.name(), body.durationDays(),
                body.backCatalogDays() == null ? 3 * 365 : body.backCatalogDays());
    }

    @Operation(summary = "List the plans")
    @GetMapping("/admin/plans")
    List<Plan> plans() {
        return memberships.plans();
    }

    @Operation(summary = "Generate activation codes for a plan")
    @Rejects(status = 404, codes = "PLAN_NOT_FOUND")
    @Rejects(status = 422, codes = "INVALID_COUNT")
    @PostMapping("/admin/plans/{planId}/codes")
    @ResponseStatus(HttpStatus.CREATED)
    Codes codes(@PathVariable String planId, @RequestBody CodeRequest body) {
        Memberships.GeneratedCodes generated = memberships.generateCodes(planId,
                body.count() == null ? 0 : body.count(), currentUser());
        return new Codes(generated.batchId(), planId, generated.codes());
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
