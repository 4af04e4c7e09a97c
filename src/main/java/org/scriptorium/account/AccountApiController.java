package org.scriptorium.account;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import org.scriptorium.common.Rejects;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registration and API tokens. */
@RestController
@RequestMapping("/api/v1/auth")
class AccountApiController {

    private final Accounts accounts;

    AccountApiController(Accounts accounts) {
        this.accounts = accounts;
    }

    record Registration(String email, String password, String displayName) {
    }

    record Registered(String userId) {
    }

    record Credentials(String email, String password) {
    }

    record Token(String token, Instant expiresAt) {
    }

    @Operation(summary = "Register an account", description = "The new account is a member without a membership.")
    @Rejects(status = 422, codes = {"INVALID_EMAIL", "WEAK_PASSWORD", "INVALID_NAME"})
    @Rejects(status = 409, codes = "EMAIL_TAKEN")
    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    Registered register(@RequestBody Registration body) {
        return new Registered(accounts.register(body.email(), body.password(), body.displayName()).id());
    }

    @Operation(summary = "Get an API token", description = "A bearer token for `Authorization: Bearer …`.")
    @Rejects(status = 401, codes = "BAD_CREDENTIALS")
    @Rejects(status = 429, codes = "TOO_MANY_ATTEMPTS")
    @PostMapping("/token")
    Token token(@RequestBody Credentials body) {
        Accounts.IssuedToken issued = accounts.issueToken(body.email(), body.password());
        return new Token(issued.token(), issued.expiresAt());
    }
}
