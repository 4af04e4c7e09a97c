package org.scriptorium.account;

import java.time.Instant;
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

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    Registered register(@RequestBody Registration body) {
        return new Registered(accounts.register(body.email(), body.password(), body.displayName()).id());
    }

    @PostMapping("/token")
    Token token(@RequestBody Credentials body) {
        Accounts.IssuedToken issued = accounts.issueToken(body.email(), body.password());
        return new Token(issued.token(), issued.expiresAt());
    }
}
