package org.scriptorium.account;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.Rejects;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A forgotten password reset by e-mail, and the address verification, on the API. */
@RestController
@RequestMapping("/api/v1")
class PasswordResetApiController {

    private final PasswordResets resets;
    private final EmailVerifications verifications;

    PasswordResetApiController(PasswordResets resets, EmailVerifications verifications) {
        this.resets = resets;
        this.verifications = verifications;
    }

    record Forgot(String email) {
    }

    record Reset(String token, String newPassword) {
    }

    record Verify(String token) {
    }

    @Operation(summary = "Ask for a password-reset letter",
            description = "202 whether or not the address has an account; the letter's link works once, for 30 minutes.")
    @Rejects(status = 422, codes = "INVALID_EMAIL")
    @Rejects(status = 429, codes = "TOO_MANY_ATTEMPTS")
    @PostMapping("/password/forgot")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void forgot(@RequestBody Forgot body, HttpServletRequest request) {
        resets.request(body.email(), request.getRemoteAddr());
    }

    @Operation(summary = "Set a new password with a reset link's token",
            description = "Every session and token of the account ends; the link stops working.")
    @Rejects(status = 400, codes = "RESET_LINK_INVALID")
    @Rejects(status = 422, codes = "WEAK_PASSWORD")
    @PostMapping("/password/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset(@RequestBody Reset body) {
        resets.reset(body.token(), body.newPassword());
    }

    @Operation(summary = "Send the caller's verification letter again", description = "Three times an hour at most.")
    @Rejects(status = 409, codes = "EMAIL_ALREADY_VERIFIED")
    @Rejects(status = 429, codes = "TOO_MANY_ATTEMPTS")
    @PostMapping("/me/email/verification")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resendVerification() {
        String me = AccountPrincipal.currentUserId()
                .orElseThrow(() -> new Rejected(401, "NOT_SIGNED_IN", "请先登录。", "Sign in first."));
        if (!verifications.resend(me)) {
            throw Rejected.conflict("EMAIL_ALREADY_VERIFIED", "邮箱已验证。", "The address is already verified.");
        }
    }

    @Operation(summary = "Verify an address with a verification letter's token")
    @Rejects(status = 400, codes = "VERIFY_LINK_INVALID")
    @PostMapping("/email/verify")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void verify(@RequestBody Verify body) {
        verifications.verify(body.token());
    }
}
