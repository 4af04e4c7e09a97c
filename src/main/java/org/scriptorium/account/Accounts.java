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
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registration, sign-in, API tokens, roles and suspension of accounts. */
@Service
public class Accounts {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountRepository repository;
    private final PasswordEncoder passwords;
    private final SignInThrottle throttle;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Duration tokenLifetime;
    /** Hashed once so that a sign-in for an unknown address costs as much as one for a known address. */
    private final String unknownAccountHash;

    Accounts(AccountRepository repository, PasswordEncoder passwords, Clock clock, ScriptoriumProperties properties,
             ApplicationEventPublisher events) {
        this.repository = repository;
        this.passwords = passwords;
        this.clock = clock;
        this.events = events;
        this.throttle = new SignInThrottle(clock, properties.signIn().maxFailures(),
                Duration.ofMinutes(properties.signIn().lockMinutes()));
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
     * Registers a member.
     *
     * @throws Rejected 422 for an invalid address, a short password or an empty name; 409 if the address is taken
     */
    @Transactional
    public Account register(String email, String password, String displayName) {
        return create(email, password, displayName, EnumSet.of(Role.MEMBER));
    }

    /** Creates an account with the given roles (used for the first administrator). Same checks as {@link #register}. */
    @Transactional
    public Account create(String email, String password, String displayName, Set<Role> roles) {
        String normalEmail = normaliseEmail(email);
        if (normalEmail == null || !EMAIL.matcher(normalEmail).matches()) {
            throw Rejected.invalid("INVALID_EMAIL", "请输入有效的邮箱地址。", "Enter a valid e-mail address.");
        }
        checkPassword(password);
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > 50) {
            throw Rejected.invalid("INVALID_NAME", "请填写 1 到 50 个字的昵称。", "Enter a display name of 1 to 50 characters.");
        }
        if (repository.findByEmail(normalEmail).isPresent()) {
            throw Rejected.conflict("EMAIL_TAKEN", "该邮箱已注册，请直接登录。", "This e-mail address is already registered; sign in instead.");
        }
        EnumSet<Role> allRoles = EnumSet.of(Role.MEMBER);
        allRoles.addAll(roles);
        String hash = passwords.encode(password);
        Account account = new Account(Ids.newId(), normalEmail, name, allRoles, null, null, clock.instant(),
                repository.nextMemberNumber());
        try {
            repository.insert(account, hash);
        } catch (DuplicateKeyException raced) {
            throw Rejected.conflict("EMAIL_TAKEN", "该邮箱已注册，请直接登录。", "This e-mail address is already registered; sign in instead.");
        }
        return account;
    }

    /**
     * Checks an e-mail address and password, throttled per address.
     *
     * @throws Rejected 401 {@code BAD_CREDENTIALS} for a wrong address or password, 429 {@code TOO_MANY_ATTEMPTS}
     *                  while the address is locked after repeated failures
     */
    public Account authenticate(String email, String password) {
        String key = normaliseEmail(email);
        if (key == null || password == null) {
            throw badCredentials();
        }
        if (throttle.locked(key)) {
            long minutes = throttle.lockDuration().toMinutes();
            throw new Rejected(429, "TOO_MANY_ATTEMPTS",
                    "登录失败次数过多，请 " + minutes + " 分钟后再试。",
                    "Too many failed sign-ins; try again in " + minutes + " minutes.");
        }
        Optional<String> hash = repository.passwordHash(key);
        boolean matches = passwords.matches(password, hash.orElse(unknownAccountHash)) && hash.isPresent();
        if (!matches) {
            throttle.failed(key);
            throw badCredentials();
        }
        throttle.succeeded(key);
        return repository.findByEmail(key).orElseThrow(Accounts::badCredentials);
    }

    /** Signs in with a password and issues an API token. Same failures as {@link #authenticate}. */
    @Transactional
    public IssuedToken issueToken(String email, String password) {
        Account account = authenticate(email, password);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "sct_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(tokenLifetime);
        repository.insertToken(Ids.newId(), sha256(token), account.id(), now, expiresAt);
        return new IssuedToken(token, expiresAt);
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
     * re-stamps its own session with the returned instant so that it goes on.
     *
     * @return the sign-in time the caller's own session should carry from now on
     * @throws Rejected 422 {@code WRONG_PASSWORD} when the current password is wrong, {@code WEAK_PASSWORD} for a new
     *                  password that is not 8 to 128 characters long; 429 while the address is locked after failures
     */
    @Transactional
    public Instant changePassword(String userId, String currentPassword, String newPassword, String keepTokenId) {
        Account account = get(userId);
        try {
            authenticate(account.email(), currentPassword);
        } catch (Rejected e) {
            if (e.status() == 429) {
                throw e;
            }
            throw Rejected.invalid("WRONG_PASSWORD", "当前密码不正确。", "The current password is wrong.");
        }
        checkPassword(newPassword);
        repository.updatePasswordHash(userId, passwords.encode(newPassword));
        Instant ended = endSessions(userId, keepTokenId);
        return ended.plus(1, ChronoUnit.MICROS);
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

    private static void checkPassword(String password) {
        if (password == null || password.length() < 8 || password.length() > 128) {
            throw Rejected.invalid("WEAK_PASSWORD", "密码长度须为 8 到 128 个字符。", "The password must be 8 to 128 characters long.");
        }
    }

    /** The one clock's time, for sign-in stamps. */
    Instant now() {
        return clock.instant();
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
