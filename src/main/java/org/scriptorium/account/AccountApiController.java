package org.scriptorium.account;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registration, API tokens and the caller's password. */
@RestController
@RequestMapping("/api/v1")
class AccountApiController {

    private final Accounts accounts;

    AccountApiController(Accounts accounts) {
        this.accounts = accounts;
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

    /**
     * 202 with the same body whether the address was new (the account is created) or already registered (nothing
     * changes), so that registration does not tell who has an account; the new member's id comes from
     * {@code GET /api/v1/me} once signed in.
     */
    @PostMapping("/auth/register")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Registered register(@RequestBody Registration body) {
        accounts.register(body.email(), body.password(), body.displayName());
        return Registered.ACCEPTED;
    }

    @PostMapping("/auth/token")
    Token token(@RequestBody Credentials body, HttpServletRequest request) {
        Accounts.IssuedToken issued = accounts.issueToken(body.email(), body.password(), request.getRemoteAddr());
        return new Token(issued.token(), issued.expiresAt());
    }

    /** 204 when changed; the rules' and the throttle's rejections otherwise (see {@link Accounts#changePassword}). */
    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@RequestBody PasswordChange body, HttpServletRequest request) {
        String userId = AccountPrincipal.currentUserId().orElseThrow(() -> new org.scriptorium.common.Rejected(401,
                "UNAUTHENTICATED", "请先登录。", "Sign in first."));
        accounts.changePassword(userId, body.currentPassword(), body.newPassword(), request.getRemoteAddr());
    }
}
