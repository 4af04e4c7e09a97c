package org.scriptorium.account;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.Rejects;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registration, API tokens and their list, password changes, and the administrators' role changes. */
@RestController
@RequestMapping("/api/v1")
class AccountApiController {

    private final Accounts accounts;
    private final PasswordChanges passwordChanges;

    AccountApiController(Accounts accounts, PasswordChanges passwordChanges) {
        this.accounts = accounts;
        this.passwordChanges = passwordChanges;
    }

    record Registration(String email, String password, String displayName) {
    }

    /** The one answer to every valid registration, whether the address was new or already registered. */
    record Registered(String status, String message) {
        static final Registered ACCEPTED = new Registered("ACCEPTED", AccountPages.REGISTERED);
    }

    record Credentials(String email, String password) {
    }

    record Token(String token, Instant expiresAt) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    record RolesBody(List<String> roles) {
    }

    record UserRoles(String userId, String email, List<Role> roles, boolean suspended) {

        static UserRoles of(Account account) {
            return new UserRoles(account.id(), account.email(), account.roles().stream().sorted().toList(),
                    account.suspended());
        }
    }

    /**
     * 202 with the same body whether the address was new (the account is created) or already registered (nothing
     * changes), so that registration does not tell who has an account; the new member's id comes from
     * {@code GET /api/v1/me} once signed in.
     */
    @Operation(summary = "Register an account", description = "The new account is a member without a membership. "
            + "The answer is the same whether or not the address was already registered.")
    @Rejects(status = 422, codes = {"INVALID_EMAIL", "WEAK_PASSWORD", "INVALID_NAME"})
    @PostMapping("/auth/register")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Registered register(@RequestBody Registration body) {
        accounts.register(body.email(), body.password(), body.displayName());
        return Registered.ACCEPTED;
    }

    @Operation(summary = "Get an API token", description = "A bearer token for `Authorization: Bearer …`.")
    @Rejects(status = 401, codes = "BAD_CREDENTIALS")
    @Rejects(status = 429, codes = "TOO_MANY_ATTEMPTS")
    @PostMapping("/auth/token")
    Token token(@RequestBody Credentials body, HttpServletRequest request) {
        Accounts.IssuedToken issued = accounts.issueToken(body.email(), body.password(), request.getRemoteAddr());
        return new Token(issued.token(), issued.expiresAt());
    }

    /** The caller's unexpired tokens: ids and times, never the tokens. */
    @Operation(summary = "The caller's API tokens", description = "Ids and times, never the tokens.")
    @GetMapping("/me/tokens")
    List<Accounts.TokenInfo> tokens() {
        return accounts.tokens(currentUser());
    }

    @Operation(summary = "Revoke one of the caller's API tokens")
    @Rejects(status = 404, codes = "TOKEN_NOT_FOUND")
    @DeleteMapping("/me/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeToken(@PathVariable String id) {
        accounts.revokeToken(currentUser(), id);
    }

    /** Changes the caller's password; every other session and token of theirs ends, this one goes on. */
    @Operation(summary = "Change the caller's password",
            description = "Every other session and token of the account ends; this one goes on.")
    @Rejects(status = 422, codes = {"WRONG_PASSWORD", "WEAK_PASSWORD"})
    @Rejects(status = 429, codes = "TOO_MANY_ATTEMPTS")
    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@RequestBody PasswordChange body, HttpServletRequest request, HttpServletResponse response) {
        passwordChanges.change(body.currentPassword(), body.newPassword(), request, response);
    }

    /** Replaces an account's staff roles (administrators only; the same rules as the user page's form). */
    @Operation(summary = "Replace an account's staff roles", description = "Administrators only; MEMBER is implied.")
    @Rejects(status = 422, codes = {"ROLES_REQUIRED", "INVALID_ROLE"})
    @Rejects(status = 403, codes = "ADMIN_REQUIRED")
    @Rejects(status = 409, codes = {"SELF_DEMOTION", "LAST_ADMINISTRATOR"})
    @Rejects(status = 404, codes = "USER_NOT_FOUND")
    @PutMapping("/admin/users/{userId}/roles")
    UserRoles setRoles(@PathVariable String userId, @RequestBody RolesBody body) {
        if (body.roles() == null) {
            throw Rejected.invalid("ROLES_REQUIRED", "请给出角色列表（可以为空）。", "Give the list of roles (it may be empty).");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : body.roles()) {
            roles.add(role(name));
        }
        return UserRoles.of(accounts.setRoles(currentUser(), userId, roles));
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name == null ? "" : name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid("INVALID_ROLE", "未知的角色：" + name + "（可选 EDITOR、ADMIN）。",
                    "Unknown role: " + name + " (EDITOR or ADMIN).");
        }
    }

    private static String currentUser() {
        return AccountPrincipal.currentUserId()
                .orElseThrow(() -> new Rejected(401, "NOT_SIGNED_IN", "请先登录。", "Sign in first."));
    }
}
