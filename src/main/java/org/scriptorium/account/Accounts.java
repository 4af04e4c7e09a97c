package org.scriptorium.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.scriptorium.common.AttemptLimit;
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Registration, sign-in, API tokens, roles and suspension of accounts. */
@Service
public class Accounts {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountRepository repository;
    private final PasswordEncoder passwords;
    private final SignInThrottle throttle;
    private final PasswordPolicy passwordPolicy = PasswordPolicy.standard();
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final EmailVerifications verifications;
    private final Duration tokenLifetime;
    /** Hashed once so that a sign-in for an unknown address costs as much as one for a known address. */
    private final String unknownAccountHash;

    Accounts(AccountRepository repository, PasswordEncoder passwords, Clock clock, ScriptoriumProperties properties,
             ApplicationEventPublisher events, JdbcClient jdbc, PlatformTransactionManager transactions,
             EmailVerifications verifications) {
        this.verifications = verifications;
        this.repository = repository;
        this.passwords = passwords;
        this.clock = clock;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        ScriptoriumProperties.SignIn signIn = properties.signIn();
        Duration lock = Duration.ofMinutes(signIn.lockMinutes());
        this.throttle = new SignInThrottle(
                new AttemptLimit(jdbc, transactions, clock, "sign-in-email", signIn.maxFailures(), lock),
                new AttemptLimit(jdbc, transactions, clock, "sign-in-address",
                        signIn.maxFailuresPerAddress() > 0 ? signIn.maxFailuresPerAddress() : 30, lock));
        this.tokenLifetime = Duration.ofDays(properties.apiTokenDays());
        this.unknownAccountHash = passwords.encode("no such account");
    }

    /** A newly issued API token; only its hash is stored. */
    public record IssuedToken(String token, Instant expiresAt) {
    }

    /**
     * One of an account's API tokens as its owner sees it: never the token itself.
     *
     * @param lastUsedAt when it last authenticated a call (to within {@link #TOKEN_USE_PRECISION}), or null if never
     */
    public record TokenInfo(String id, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
    }

    /** The account a bearer token belongs to, as it is now, and which token it was. */
    public record TokenBearer(Account account, String tokenId) {
    }

    /** A token's last use is written at most this often, so that a busy script costs one write a minute, not one a call. */
    static final Duration TOKEN_USE_PRECISION = Duration.ofMinutes(1);

    /**
     * Registers a member, answering the same whether or not the address is already registered, so that
     * registration cannot be used to find out who has an account: the input is checked first (address, password
     * rules, name), the password is hashed either way, and an existing account is left exactly as it was. A new
     * account's verification letter is queued in the transaction that creates it.
     *
     * @return the new account, or empty when the address was already registered (the caller must answer the same)
     * @throws Rejected 422 {@code INVALID_EMAIL}, {@code WEAK_PASSWORD} (with the {@code rule} it broke) or
     *                  {@code INVALID_NAME}
     */
    public Optional<Account> register(String email, String password, String displayName) {
        Candidate candidate = check(email, password, displayName);
        String hash = passwords.encode(password); // also for a taken address: both answers cost the same
        if (repository.findByEmail(candidate.email()).isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(transaction.execute(status -> {
                Account account = insert(candidate, hash, EnumSet.of(Role.MEMBER));
                verifications.send(account); // issue 16: the letter is queued with the account, or neither is
                return account;
            }));
        } catch (DuplicateKeyException raced) {
            return Optional.empty();
        }
    }

    /**
     * Creates an account with the given roles (used for the first administrator). Same checks as {@link #register}.
     *
     * @throws Rejected as {@link #register}; 409 {@code EMAIL_TAKEN} if the address is taken (an operator's action:
     *                  telling them is no leak)
     */
    @Transactional
    public Account create(String email, String password, String displayName, Set<Role> roles) {
        Candidate candidate = check(email, password, displayName);
        if (repository.findByEmail(candidate.email()).isPresent()) {
            throw emailTaken();
        }
        try {
            return insert(candidate, passwords.encode(password), roles);
        } catch (DuplicateKeyException raced) {
            throw emailTaken();
        }
    }

    private record Candidate(String email, String name) {
    }

    private Candidate check(String email, String password, String displayName) {
        String normalEmail = normaliseEmail(email);
        if (normalEmail == null || normalEmail.length() > 254 || !EMAIL.matcher(normalEmail).matches()) {
            throw Rejected.invalid("INVALID_EMAIL", "请输入有效的邮箱地址。", "Enter a valid e-mail address.");
        }
        passwordPolicy.require(password);
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > 50) {
            throw Rejected.invalid("INVALID_NAME", "请填写 1 到 50 个字的昵称。", "Enter a display name of 1 to 50 characters.");
        }
        return new Candidate(normalEmail, name);
    }

    private Account insert(Candidate candidate, String hash, Set<Role> roles) {
        EnumSet<Role> allRoles = EnumSet.of(Role.MEMBER);
        allRoles.addAll(roles);
        Account account = new Account(Ids.newId(), candidate.email(), candidate.name(), allRoles, null, null,
                clock.instant(), repository.nextMemberNumber());
        repository.insert(account, hash);
        return account;
    }

    private static Rejected emailTaken() {
        return Rejected.conflict("EMAIL_TAKEN", "该邮箱已注册。", "This e-mail address is already registered.");
    }

    /**
     * Checks an e-mail address and password, throttled per e-mail address and per client address.
     *
     * @param address the client's IP address, or null when unknown (then only the e-mail address is throttled)
     * @throws Rejected 401 {@code BAD_CREDENTIALS} for a wrong address or password, 429 {@code TOO_MANY_ATTEMPTS}
     *                  (with the wait as {@code Retry-After}) while the e-mail address or the client address is
     *                  refused after repeated failures
     */
    public Account authenticate(String email, String password, String address) {
        String key = normaliseEmail(email);
        if (key == null || password == null || key.length() > 254 || password.length() > 1024) {
            throw badCredentials();
        }
        Optional<Duration> wait = throttle.begin(key, address);
        if (wait.isPresent()) {
            throw tooManyAttempts(wait.get());
        }
        Optional<String> hash = repository.passwordHash(key);
        boolean matches = passwords.matches(password, hash.orElse(unknownAccountHash)) && hash.isPresent();
        if (!matches) {
            throw badCredentials(); // the attempt stays counted
        }
        throttle.succeeded(key, address);
        return repository.findByEmail(key).orElseThrow(Accounts::badCredentials);
    }

    /**
     * Signs in with a password and issues an API token. Same failures as {@link #authenticate}; the throttle counts
     * outside any transaction, so a refused attempt stays counted.
     */
    public IssuedToken issueToken(String email, String password, String address) {
        Account account = authenticate(email, password, address);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "sct_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(tokenLifetime);
        repository.insertToken(Ids.newId(), sha256(token), account.id(), now, expiresAt);
        return new IssuedToken(token, expiresAt);
    }

    /**
     * Locks the account's row until the caller's transaction ends, so that per-account limits checked after it
     * (reports a day, code redemptions) see every earlier action of the account that has committed, on H2 and
     * PostgreSQL alike. Call it inside a transaction, before reading what the limit counts.
     *
     * @throws Rejected 404 when there is no such account
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void lockForUpdate(String userId) {
        if (!repository.lockForUpdate(userId)) {
            throw Rejected.notFound("USER_NOT_FOUND", "用户不存在。", "No such user.");
        }
    }

    /** The account an unexpired API token belongs to, read now, and the token's id; notes the token's use. */
    public Optional<TokenBearer> forToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return repository.tokenHolder(sha256(token), now).flatMap(holder -> {
            if (holder.lastUsedAt() == null || holder.lastUsedAt().isBefore(now.minus(TOKEN_USE_PRECISION))) {
                repository.touchToken(holder.tokenId(), now);
            }
            return repository.findById(holder.userId()).map(a -> new TokenBearer(a, holder.tokenId()));
        });
    }

    /** The account's unexpired API tokens, newest first. */
    public List<TokenInfo> tokens(String userId) {
        return repository.tokens(userId, clock.instant());
    }

    /**
     * Revokes one of the account's own API tokens at once.
     *
     * @throws Rejected 404 {@code TOKEN_NOT_FOUND} when the account has no token with that id
     */
    @Transactional
    public void revokeToken(String userId, String tokenId) {
        if (tokenId == null || !repository.deleteToken(userId, tokenId)) {
            throw Rejected.notFound("TOKEN_NOT_FOUND", "没有这个令牌（可能已过期或已撤销）。",
                    "No such token (it may have expired or been revoked).");
        }
    }

    /**
     * Changes the account's password and ends every other session and token of it: those signed in before the
     * returned instant, except the token {@code keepTokenId} (the one the change came with, if any). The caller
     * re-stamps its own session with the returned instant so that it goes on. The new password must keep the rules;
     * the current one is checked like a sign-in (throttled per e-mail and client address, so that a borrowed session
     * cannot be used to guess it).
     *
     * @param address the client's IP address, or null when unknown
     * @return the sign-in time the caller's own session should carry from now on
     * @throws Rejected 422 {@code WEAK_PASSWORD} (with {@code rule}) for a new password that breaks a rule, 422
     *                  {@code WRONG_PASSWORD} when the current password is wrong; 429 {@code TOO_MANY_ATTEMPTS} (with
     *                  {@code Retry-After}) after repeated failures
     */
    @Transactional
    public Instant changePassword(String userId, String currentPassword, String newPassword, String keepTokenId,
                                  String address) {
        Account account = get(userId);
        passwordPolicy.require(newPassword);
        try {
            authenticate(account.email(), currentPassword, address);
        } catch (Rejected e) {
            if (e.status() == 429) {
                throw e;
            }
            throw Rejected.invalid("WRONG_PASSWORD", "当前密码不正确。", "The current password is wrong.");
        }
        repository.updatePasswordHash(userId, passwords.encode(newPassword));
        Instant ended = endSessions(userId, keepTokenId);
        return ended.plus(1, ChronoUnit.MICROS);
    }

    /**
     * Sets a new password without the current one (the caller checked a reset link) and ends every session and
     * token of the account, as a password change does. The new password must keep the rules.
     *
     * @throws Rejected 422 {@code WEAK_PASSWORD} (with {@code rule}); 404 when there is no such account
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    Account resetPassword(String userId, String newPassword) {
        passwordPolicy.require(newPassword);
        Account account = get(userId);
        repository.updatePasswordHash(userId, passwords.encode(newPassword));
        endSessions(userId, null);
        return account;
    }

    /** Forgets the failed sign-ins counted for the address (its owner just proved it by e-mail). */
    void clearSignInFailures(String email) {
        throttle.succeeded(normaliseEmail(email), null);
    }

    /** The account that carries a member number, as printed in a copy's notice. */
    public Optional<Account> findByMemberNumber(long number) {
        return repository.findByMemberNumber(number);
    }

    /** Gives a member number to accounts created before numbers existed; run once at start. */
    @Transactional
    public void numberUnnumberedAccounts() {
        for (String id : repository.idsWithoutMemberNumber()) {
            repository.setMemberNumber(id, repository.nextMemberNumber());
        }
    }

    public Optional<Account> find(String id) {
        return repository.findById(id);
    }

    /** @throws Rejected 404 when there is no such account */
    public Account get(String id) {
        return find(id).orElseThrow(() -> Rejected.notFound("USER_NOT_FOUND", "用户不存在。", "No such user."));
    }

    public Optional<Account> findByEmail(String email) {
        String normal = normaliseEmail(email);
        return normal == null ? Optional.empty() : repository.findByEmail(normal);
    }

    /** Accounts whose address or name contains the query, newest first. */
    public List<Account> search(String query, int limit) {
        return repository.list(query == null ? "" : query.strip(), limit);
    }

    // Issue 16, consultation: whom a conversation may be handed to.
    /** Editors and administrators in good standing, by name: the staff a conversation may be assigned to. */
    public List<Account> staff() {
        return repository.staff().stream().filter(Account::staff).toList();
    }

    public boolean anyAdministrator() {
        return repository.anyWithRole(Role.ADMIN);
    }

    /**
     * Replaces the staff roles of an account as {@code actorId} asks (every account keeps MEMBER). Taking a role away
     * ends the account's sessions, tokens and open streams at once; the rules are {@link StaffRule}'s.
     *
     * @throws Rejected 404 when either account does not exist; 403 or 409 as {@link StaffRule#checkRoles} says
     */
    @Transactional
    public Account setRoles(String actorId, String id, Set<Role> roles) {
        EnumSet<Role> all = withMember(roles);
        Account before = lockedForChange(id);
        StaffRule.checkRoles(get(actorId), before, all, repository.activeAdministrators());
        return applyRoles(before, all);
    }

    /** Gives roles with nobody asking: the first administrator at start. */
    @Transactional
    Account setRoles(String id, Set<Role> roles) {
        return applyRoles(lockedForChange(id), withMember(roles));
    }

    private Account applyRoles(Account before, EnumSet<Role> all) {
        repository.updateRoles(before.id(), all);
        if (!all.containsAll(before.roles())) {
            // A role given counts at the next request anyway (authorities are read per request); a role taken away
            // also ends whatever was signed in with it, so nothing holds it a moment longer.
            endSessions(before.id(), null);
        }
        if (!before.roles().equals(all)) {
            events.publishEvent(new AccountEvent.RolesChanged(before.id(), before.email(), before.roles(), all));
        }
        return get(before.id());
    }

    private static EnumSet<Role> withMember(Set<Role> roles) {
        EnumSet<Role> all = EnumSet.of(Role.MEMBER);
        all.addAll(roles);
        return all;
    }

    /**
     * Suspends an account as {@code actorId} asks: it loses every role and its member access at once, and its
     * sessions, API tokens and open event streams end. It may still sign in, to be told why.
     *
     * @throws Rejected 404 when either account does not exist; 403 or 409 as {@link StaffRule#checkSuspend} says
     */
    @Transactional
    public Account suspend(String actorId, String id, String reason) {
        Account before = lockedForChange(id);
        StaffRule.checkSuspend(get(actorId), before, repository.activeAdministrators());
        String why = reason == null || reason.isBlank() ? "运营方暂停" : reason.strip();
        why = why.length() > 500 ? why.substring(0, 500) : why;
        repository.updateSuspension(id, clock.instant(), why);
        endSessions(id, null);
        events.publishEvent(new AccountEvent.Suspended(id, before.email(), before.suspendedReason(), why));
        return get(id);
    }

    /**
     * Lifts a suspension as {@code actorId} asks; the reason goes to the audit log. An account in good standing is
     * left as it is.
     *
     * @throws Rejected 404 when either account does not exist; 403 or 409 as {@link StaffRule#checkUnsuspend} says
     */
    @Transactional
    public Account unsuspend(String actorId, String id, String reason) {
        Account before = lockedForChange(id);
        StaffRule.checkUnsuspend(get(actorId), before);
        if (!before.suspended()) {
            return before;
        }
        repository.updateSuspension(id, null, null);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        events.publishEvent(new AccountEvent.Unsuspended(id, before.email(), before.suspendedReason(),
                why == null || why.length() <= 500 ? why : why.substring(0, 500)));
        return get(id);
    }

    /**
     * Whether a browser session signed in at {@code authenticatedAt} may go on: false once the account's sessions
     * were ended after that (by a suspension, a role change or a password change), or when the account no longer
     * exists.
     */
    public boolean sessionStillValid(String userId, Instant authenticatedAt) {
        return repository.sessionRevocation(userId)
                .map(r -> stillValid(r.at(), authenticatedAt))
                .orElse(false);
    }

    /**
     * The account behind a session signed in at {@code authenticatedAt}, read now, if that session may go on (see
     * {@link #sessionStillValid}): what every signed-in request is authorised by.
     */
    public Optional<Account> currentForSession(String userId, Instant authenticatedAt) {
        return repository.current(userId)
                .filter(c -> stillValid(c.sessionsRevokedAt(), authenticatedAt))
                .map(AccountRepository.Current::account);
    }

    /** The accounts whose sessions were ended after {@code since}, on any node, each with when. */
    public List<SessionsEnded> sessionsEndedSince(Instant since) {
        return repository.sessionsEndedSince(since);
    }

    private static boolean stillValid(Instant revokedAt, Instant authenticatedAt) {
        return revokedAt == null || authenticatedAt != null && authenticatedAt.isAfter(revokedAt);
    }

    /**
     * Ends the account's sessions and tokens (but {@code keepTokenId}) signed in until now, and tells the modules
     * that hold its open streams.
     *
     * @return the instant sessions were ended at (as stored: to the microsecond)
     */
    private Instant endSessions(String userId, String keepTokenId) {
        // Stored to the microsecond by both databases: truncate here so that what is compared is what was stored.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        repository.revokeSessions(userId, now);
        repository.deleteTokens(userId, keepTokenId);
        events.publishEvent(new SessionsEnded(userId, now));
        return now;
    }

    /** The account, its row and the administrators' locked until the transaction ends. */
    private Account lockedForChange(String id) {
        repository.lockForStandingChange(id);
        return get(id);
    }

    /** The one clock's time, for sign-in stamps. */
    Instant now() {
        return clock.instant();
    }

    private static Rejected tooManyAttempts(Duration wait) {
        long minutes = Rejected.minutes(wait);
        return Rejected.tooMany("TOO_MANY_ATTEMPTS",
                "登录尝试过于频繁，请 " + minutes + " 分钟后再试。",
                "Too many failed sign-ins; try again in " + minutes + " minute" + (minutes == 1 ? "" : "s") + ".",
                wait);
    }

    private static Rejected badCredentials() {
        return new Rejected(401, "BAD_CREDENTIALS", "邮箱或密码错误。", "Wrong e-mail address or password.");
    }

    private static String normaliseEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
