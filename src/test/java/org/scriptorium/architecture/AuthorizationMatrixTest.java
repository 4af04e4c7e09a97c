package org.scriptorium.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The authorization matrix: every endpoint and page the application maps, enumerated from the handler mappings (a
 * new endpoint without a row here fails the first test), called as every persona, for every material state where the
 * endpoint concerns a material. Each answer must have the status the table expects, and no answer may carry the
 * text of a material its persona is not entitled to read: each material's body ends with a marker sentence of its
 * own, looked for (invisible marks removed) in every body.
 *
 * <p>API rows are called with the persona's bearer token, page rows with its browser session (and CSRF token). Calls
 * that would change something are made against ids that do not exist, or with bodies that are refused, so the table
 * shows who gets past authorization (the not-found or invalid answer) without the run changing the data it reads.
 */
class AuthorizationMatrixTest extends IntegrationTest {

    /** Who calls. */
    enum Persona {
        ANONYMOUS, NO_PLAN, MEMBER, EXPIRED_MEMBER, SUSPENDED_MEMBER, EDITOR, SUSPENDED_EDITOR,
        /** An editor demoted by an administrator, calling with the token and session they had before. */
        DEMOTED_EDITOR,
        ADMIN
    }

    /** The material states an endpoint about a material is tried with. */
    enum State { FREE, MEMBER, BACK_CATALOGUE, SCHEDULED, WITHDRAWN, DRAFT }

    /** Who may get past authorization. */
    enum Level { PUBLIC, SIGNED_IN, STAFF, ADMIN }

    /** How an endpoint about a material answers: the reader's view, a download, or an editor's page. */
    enum MaterialKind { READ, DOWNLOAD, STAFF_VIEW }

    private static final Set<Persona> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Persona.ANONYMOUS, Persona.DEMOTED_EDITOR));
    private static final Set<Persona> STAFF = EnumSet.of(Persona.EDITOR, Persona.ADMIN);

    /** Who may read each state in full: the entitlement rule, as a table. */
    private static final Map<State, Set<Persona>> ENTITLED = new EnumMap<>(Map.of(
            State.FREE, EnumSet.of(Persona.NO_PLAN, Persona.MEMBER, Persona.EXPIRED_MEMBER, Persona.EDITOR, Persona.ADMIN),
            State.MEMBER, EnumSet.of(Persona.MEMBER, Persona.EDITOR, Persona.ADMIN),
            State.BACK_CATALOGUE, STAFF,
            State.SCHEDULED, STAFF,
            State.WITHDRAWN, STAFF,
            State.DRAFT, STAFF));

    /** States a reader who is not staff is told do not exist. */
    private static final Set<State> HIDDEN = EnumSet.of(State.SCHEDULED, State.WITHDRAWN, State.DRAFT);

    private static final String NO_ID = "nosuchid0000";
    private static final String SEARCH = "矩阵校验句";

    /**
     * One endpoint: the handler's method and pattern, who may pass, the path called (ids filled in), the body, and the
     * status whoever passes gets (and, if it differs, what a suspended account gets). For an endpoint about a material,
     * {@code material} says how it answers and the path holds {@code {id}}.
     */
    record Row(String method, String pattern, Level level, String path, Body body, int passed, MaterialKind material,
               Integer passedSuspended) {

        Row(String method, String pattern, Level level, String path, Body body, int passed, MaterialKind material) {
            this(method, pattern, level, path, body, passed, material, null);
        }

        /** The same row, where a suspended account gets past authorization but is refused by the feature itself. */
        Row suspended(int status) {
            return new Row(method, pattern, level, path, body, passed, material, status);
        }

        String key() {
            return method + " " + pattern;
        }

        boolean api() {
            return pattern.startsWith("/api/");
        }
    }

    /** What a call sends. */
    record Body(String contentType, String content) {
        static final Body NONE = new Body(null, null);

        static Body json(String json) {
            return new Body("application/json", json);
        }

        static Body form(String form) {
            return new Body("application/x-www-form-urlencoded", form);
        }

        static Body multipart() {
            return new Body("multipart/form-data; boundary=matrix", "--matrix--\r\n");
        }
    }

    private static Row row(String method, String pattern, Level level, int passed) {
        return new Row(method, pattern, level, pattern.replace("{id}", NO_ID).replaceAll("\\{\\w+}", NO_ID),
                Body.NONE, passed, null);
    }

    private static Row row(String method, String pattern, Level level, String path, Body body, int passed) {
        return new Row(method, pattern, level, path, body, passed, null);
    }

    private static Row row(String method, String pattern, Level level, Body body, int passed) {
        return new Row(method, pattern, level, pattern.replaceAll("\\{\\w+}", NO_ID), body, passed, null);
    }

    private static Row material(String pattern, MaterialKind kind, String query) {
        Level level = kind == MaterialKind.STAFF_VIEW ? Level.STAFF : Level.PUBLIC;
        return new Row("GET", pattern, level, pattern + query, Body.NONE, 200, kind);
    }

    /** The table. Whoever does not pass gets 401 (API) or the sign-in page (pages) when signed out, else 403. */
    private static final List<Row> TABLE = List.of(
            // Reading and search: public; a material's text only for whom it is entitled.
            row("GET", "/", Level.PUBLIC, 200),
            row("GET", "/materials", Level.PUBLIC, "/materials?q=" + SEARCH, Body.NONE, 200),
            row("GET", "/materials/suggest", Level.PUBLIC, "/materials/suggest?q=" + SEARCH, Body.NONE, 200),
            material("/materials/{id}", MaterialKind.READ, ""),
            material("/materials/{id}/download", MaterialKind.DOWNLOAD, "?format=txt"),
            row("GET", "/api/v1/materials", Level.PUBLIC, "/api/v1/materials?q=" + SEARCH, Body.NONE, 200),
            row("GET", "/api/v1/passages", Level.PUBLIC, "/api/v1/passages?q=" + SEARCH, Body.NONE, 200),
            row("GET", "/api/v1/suggest", Level.PUBLIC, "/api/v1/suggest?q=" + SEARCH, Body.NONE, 200),
            material("/api/v1/materials/{id}", MaterialKind.READ, ""),
            material("/api/v1/materials/{id}/download", MaterialKind.DOWNLOAD, "?format=txt"),
            row("GET", "/feed.atom", Level.PUBLIC, 200),

            // Accounts.
            row("GET", "/login", Level.PUBLIC, 200),
            row("GET", "/register", Level.PUBLIC, 200),
            row("POST", "/register", Level.PUBLIC, Body.form("email=not-an-address&password=x&displayName=x"), 200),
            row("POST", "/api/v1/auth/register", Level.PUBLIC, Body.json("{}"), 422),
            row("POST", "/api/v1/auth/token", Level.PUBLIC, Body.json("{}"), 401),
            row("GET", "/api/v1/me", Level.SIGNED_IN, 200),
            row("GET", "/api/v1/me/tokens", Level.SIGNED_IN, 200),
            row("DELETE", "/api/v1/me/tokens/{id}", Level.SIGNED_IN, 404),
            row("POST", "/api/v1/me/password", Level.SIGNED_IN,
                    Body.json("{\"currentPassword\":\"not-the-password\",\"newPassword\":\"another-password-1\"}"), 422),
            row("GET", "/me/password", Level.SIGNED_IN, 200),
            // A refusal (here the wrong current password) shows the password page again with the reason.
            row("POST", "/me/password", Level.SIGNED_IN, Body.form("currentPassword=not-the-password&newPassword=x"), 200),
            // Issue 16, account/mail: forgotten passwords, address verification, the outbox. Refused bodies change
            // nothing; a resent verification letter only queues one more letter.
            row("GET", "/password/forgot", Level.PUBLIC, 200),
            row("POST", "/password/forgot", Level.PUBLIC, Body.form("email="), 200),
            row("GET", "/password/reset", Level.PUBLIC, 200),
            row("POST", "/password/reset", Level.PUBLIC, Body.form("token=x&newPassword=x"), 200),
            row("GET", "/email/verify", Level.PUBLIC, 200),
            row("POST", "/me/email/verify", Level.SIGNED_IN, Body.form(""), 302),
            row("POST", "/api/v1/password/forgot", Level.PUBLIC, Body.json("{}"), 422),
            row("POST", "/api/v1/password/reset", Level.PUBLIC, Body.json("{}"), 400),
            row("POST", "/api/v1/email/verify", Level.PUBLIC, Body.json("{}"), 400),
            row("POST", "/api/v1/me/email/verification", Level.SIGNED_IN, Body.json("{}"), 202),
            row("GET", "/admin/mail", Level.ADMIN, 200),
            row("POST", "/admin/mail/{id}/retry", Level.ADMIN, Body.form(""), 302),
            row("PUT", "/api/v1/admin/users/{userId}/roles", Level.ADMIN, Body.json("{\"roles\":[]}"), 404),
            row("POST", "/admin/users/{userId}/roles", Level.ADMIN, Body.form("roles=EDITOR"), 302),

            // Memberships.
            row("GET", "/me", Level.SIGNED_IN, 200),
            row("POST", "/me/redeem", Level.SIGNED_IN, Body.form("code=XXXX"), 302),
            row("POST", "/api/v1/me/redeem", Level.SIGNED_IN, Body.json("{\"code\":\"XXXX\"}"), 422).suspended(403),
            row("GET", "/admin/plans", Level.STAFF, 200),
            row("POST", "/admin/plans", Level.STAFF, Body.form("name="), 400),
            row("POST", "/admin/plans/{planId}/codes", Level.STAFF, Body.form("count=1"), 302),
            row("GET", "/admin/batches/{batchId}/codes.csv", Level.STAFF, 404),
            // Issue 16, buying and renewal.
            row("GET", "/plans", Level.PUBLIC, 200),
            row("GET", "/api/v1/plans", Level.PUBLIC, 200),
            row("GET", "/me/redeem", Level.SIGNED_IN, 200),
            row("GET", "/api/v1/me/membership", Level.SIGNED_IN, 200),
            row("POST", "/admin/plans/{planId}", Level.STAFF, Body.form("name=x"), 302),
            row("POST", "/admin/plans/{planId}/retire", Level.STAFF, Body.form("confirm=on"), 302),
            row("POST", "/admin/batches/{batchId}/void", Level.STAFF, Body.form("confirm=on"), 302),
            row("GET", "/api/v1/admin/code-batches", Level.STAFF, 200),
            row("PUT", "/api/v1/admin/plans/{planId}", Level.STAFF, Body.json("{\"name\":\"x\"}"), 404),
            row("POST", "/api/v1/admin/plans/{planId}/retire", Level.STAFF, 404),
            row("POST", "/api/v1/admin/code-batches/{batchId}/void", Level.STAFF, 404),
            row("GET", "/admin/users", Level.STAFF, 200),
            row("GET", "/admin/users/{userId}", Level.STAFF, 404),
            row("POST", "/admin/users/{userId}/grant", Level.STAFF, Body.form("planId=" + NO_ID), 302),
            row("POST", "/admin/users/{userId}/revoke", Level.STAFF, Body.form(""), 302),
            row("POST", "/admin/users/{userId}/suspend", Level.STAFF, Body.form("reason=x"), 302),
            row("POST", "/admin/users/{userId}/unsuspend", Level.STAFF, Body.form("reason=x"), 302),
            row("GET", "/api/v1/admin/plans", Level.STAFF, 200),
            row("POST", "/api/v1/admin/plans", Level.STAFF, Body.json("{}"), 422),
            row("POST", "/api/v1/admin/plans/{planId}/codes", Level.STAFF, Body.json("{\"count\":1}"), 404),
            row("POST", "/api/v1/admin/users/{userId}/grant", Level.STAFF, Body.json("{\"planId\":\"" + NO_ID + "\"}"), 404),
            row("POST", "/api/v1/admin/users/{userId}/revoke", Level.STAFF, 404),
            row("POST", "/api/v1/admin/users/{userId}/suspend", Level.STAFF, Body.json("{}"), 404),
            row("POST", "/api/v1/admin/users/{userId}/unsuspend", Level.STAFF, Body.json("{}"), 404),

            // The library's editors.
            row("GET", "/admin", Level.STAFF, 200),
            row("GET", "/admin/materials", Level.STAFF, 200),
            row("POST", "/admin/materials", Level.STAFF, Body.multipart(), 302),
            material("/admin/materials/{id}", MaterialKind.STAFF_VIEW, ""),
            row("POST", "/admin/materials/{id}/details", Level.STAFF, Body.form("title=x"), 302),
            row("POST", "/admin/materials/{id}/revise", Level.STAFF, Body.multipart(), 302),
            row("POST", "/admin/materials/{id}/withdraw", Level.STAFF, Body.form(""), 404),
            row("POST", "/admin/materials/{id}/restore", Level.STAFF, Body.form(""), 404),
            row("POST", "/admin/materials/{id}/publish", Level.STAFF, Body.form(""), 404),
            row("POST", "/admin/materials/{id}/put-back", Level.STAFF, Body.form("lines=x"), 302),
            material("/admin/materials/{id}/preview", MaterialKind.STAFF_VIEW, ""),
            material("/admin/materials/{id}/diff", MaterialKind.STAFF_VIEW, "?from=1&to=1"),
            material("/admin/materials/{id}/marks", MaterialKind.STAFF_VIEW, ""),
            row("POST", "/admin/materials/{id}/marks/veto", Level.STAFF, Body.form("key=x"), 404),
            row("GET", "/admin/search", Level.STAFF, 200),
            row("POST", "/admin/search/rebuild", Level.STAFF, Body.form(""), 302),
            row("POST", "/api/v1/admin/materials", Level.STAFF, Body.multipart(), 422),
            row("PUT", "/api/v1/admin/materials/{id}", Level.STAFF, Body.multipart(), 404),
            row("POST", "/api/v1/admin/materials/{id}/withdraw", Level.STAFF, 404),
            row("POST", "/api/v1/admin/materials/{id}/restore", Level.STAFF, 404),
            row("POST", "/api/v1/admin/materials/{id}/publish", Level.STAFF, 404),
            row("POST", "/api/v1/admin/materials/{id}/put-back", Level.STAFF, Body.json("{\"lines\":[\"x\"]}"), 404),
            row("GET", "/api/v1/admin/materials/drafts", Level.STAFF, 200),
            material("/api/v1/admin/materials/{id}/preview", MaterialKind.STAFF_VIEW, ""),
            row("GET", "/api/v1/admin/search/misses", Level.STAFF, 200),
            row("POST", "/api/v1/admin/search/rebuild", Level.STAFF, 200),
            row("GET", "/admin/notice-rules", Level.STAFF, 200),
            row("POST", "/admin/notice-rules", Level.STAFF, Body.form("pattern=&scope=EDGE"), 200),
            row("POST", "/admin/notice-rules/{id}/enabled", Level.STAFF, Body.form("enabled=false"), 302),
            row("POST", "/admin/notice-rules/{id}/delete", Level.STAFF, Body.form(""), 302),
            row("POST", "/admin/notice-rules/try", Level.STAFF, Body.form("text=x"), 200),
            row("GET", "/api/v1/admin/notice-rules", Level.STAFF, 200),
            row("POST", "/api/v1/admin/notice-rules", Level.STAFF, Body.json("{}"), 422),
            row("PUT", "/api/v1/admin/notice-rules/{id}", Level.STAFF, Body.json("{\"enabled\":false}"), 404),
            row("DELETE", "/api/v1/admin/notice-rules/{id}", Level.STAFF, 404),
            row("GET", "/admin/synonyms", Level.STAFF, 200),
            row("POST", "/admin/synonyms", Level.STAFF, Body.form("terms="), 200),
            row("POST", "/admin/synonyms/{id}", Level.STAFF, Body.form("terms=x"), 302),
            row("POST", "/admin/synonyms/{id}/enabled", Level.STAFF, Body.form("enabled=false"), 302),
            row("POST", "/admin/synonyms/{id}/delete", Level.STAFF, Body.form(""), 302),
            row("GET", "/api/v1/admin/synonyms", Level.STAFF, 200),
            row("GET", "/api/v1/admin/synonyms/matches", Level.STAFF, 200),
            row("POST", "/api/v1/admin/synonyms", Level.STAFF, Body.json("{}"), 422),
            row("PUT", "/api/v1/admin/synonyms/{id}", Level.STAFF, Body.json("{\"enabled\":false}"), 404),
            row("DELETE", "/api/v1/admin/synonyms/{id}", Level.STAFF, 404),

            // Deliveries, the tracer, reports and the audit log.
            row("GET", "/admin/deliveries", Level.STAFF, 200),
            row("GET", "/api/v1/admin/deliveries", Level.STAFF, 200),
            // Batch imports: an empty upload is refused (page: back to the form with the reason).
            row("GET", "/admin/imports", Level.STAFF, 200),
            row("POST", "/admin/imports", Level.STAFF, Body.multipart(), 302),
            row("GET", "/admin/imports/{id}", Level.STAFF, 404),
            row("GET", "/admin/imports/{id}/progress", Level.STAFF, 404),
            row("GET", "/api/v1/admin/imports", Level.STAFF, 200),
            row("POST", "/api/v1/admin/imports", Level.STAFF, Body.multipart(), 422),
            row("GET", "/api/v1/admin/imports/{importId}", Level.STAFF, 404),
            row("GET", "/admin/trace", Level.STAFF, 200),
            row("POST", "/admin/trace", Level.STAFF, Body.multipart(), 200),
            row("POST", "/api/v1/admin/trace", Level.STAFF, Body.multipart(), 422),
            row("GET", "/reports/new", Level.SIGNED_IN, 200),
            row("POST", "/reports/new", Level.SIGNED_IN, Body.multipart(), 200),
            row("GET", "/me/reports", Level.SIGNED_IN, 200),
            row("POST", "/api/v1/reports", Level.SIGNED_IN, Body.multipart(), 422),
            row("GET", "/api/v1/me/reports", Level.SIGNED_IN, 200),
            row("GET", "/admin/reports", Level.STAFF, 200),
            row("GET", "/admin/reports/{id}", Level.STAFF, 404),
            row("POST", "/admin/reports/{id}/uphold", Level.STAFF, Body.form(""), 302),
            row("POST", "/admin/reports/{id}/reject", Level.STAFF, Body.form("reason=x"), 302),
            row("POST", "/admin/reports/{id}/unsuspend", Level.STAFF, Body.form("userId=" + NO_ID + "&reason=x"), 302),
            row("GET", "/admin/reports/{id}/case-file.pdf", Level.STAFF, 404),
            row("GET", "/admin/reports/{id}/files/{fileId}", Level.STAFF, 404),
            row("GET", "/api/v1/admin/reports", Level.STAFF, 200),
            row("GET", "/api/v1/admin/reports/{id}", Level.STAFF, 404),
            row("POST", "/api/v1/admin/reports/{id}/uphold", Level.STAFF, Body.json("{}"), 404),
            row("POST", "/api/v1/admin/reports/{id}/reject", Level.STAFF, Body.json("{\"reason\":\"x\"}"), 404),
            row("POST", "/api/v1/admin/reports/{id}/unsuspend", Level.STAFF,
                    Body.json("{\"userId\":\"" + NO_ID + "\",\"reason\":\"x\"}"), 404),
            row("GET", "/api/v1/admin/reports/{id}/case-file", Level.STAFF, 404),
            row("GET", "/api/v1/admin/reports/{id}/files/{fileId}", Level.STAFF, 404),
            row("GET", "/admin/audit", Level.ADMIN, 200),
            row("GET", "/admin/audit/export.csv", Level.ADMIN, 200),
            row("GET", "/api/v1/admin/audit", Level.ADMIN, 200),
            row("GET", "/api/v1/admin/audit/export", Level.ADMIN, 200),

            // Sharing: events, notifications, follows, the requests board, webhooks.
            row("GET", "/api/v1/events", Level.SIGNED_IN, 200),
            row("GET", "/api/v1/events/ticket", Level.SIGNED_IN, 200),
            row("GET", "/api/v1/notifications", Level.SIGNED_IN, 200),
            row("POST", "/api/v1/notifications/read", Level.SIGNED_IN, 204),
            row("GET", "/api/v1/me/follows", Level.SIGNED_IN, 200),
            row("PUT", "/api/v1/me/follows", Level.SIGNED_IN, Body.json("{\"kinds\":[],\"topics\":[]}"), 200),
            row("GET", "/me/notifications", Level.SIGNED_IN, 200),
            row("GET", "/me/notifications/bell", Level.SIGNED_IN, 200),
            row("POST", "/me/notifications/read", Level.SIGNED_IN, Body.form(""), 302),
            row("GET", "/me/follows", Level.SIGNED_IN, 200),
            row("POST", "/me/follows", Level.SIGNED_IN, Body.form(""), 302),
            row("GET", "/requests", Level.SIGNED_IN, 200),
            row("POST", "/requests", Level.SIGNED_IN, Body.form("title=&detail="), 200),
            row("GET", "/requests/{id}", Level.SIGNED_IN, 404),
            row("POST", "/requests/{id}/vote", Level.SIGNED_IN, Body.form(""), 404).suspended(302),
            row("POST", "/requests/{id}/comments", Level.SIGNED_IN, Body.form("text=x"), 404).suspended(302),
            row("POST", "/admin/requests/{id}/plan", Level.STAFF, Body.form(""), 404),
            row("POST", "/admin/requests/{id}/fulfil", Level.STAFF, Body.form("materialId=x"), 404),
            row("GET", "/admin/webhooks", Level.ADMIN, 200),
            row("POST", "/admin/webhooks", Level.ADMIN, Body.form("url=&description="), 302),
            row("POST", "/admin/webhooks/{id}/remove", Level.ADMIN, Body.form(""), 302),
            row("POST", "/api/v1/requests", Level.SIGNED_IN, Body.json("{}"), 422).suspended(403),
            row("GET", "/api/v1/requests", Level.SIGNED_IN, 200),
            row("GET", "/api/v1/requests/{id}", Level.SIGNED_IN, 404),
            row("GET", "/api/v1/requests/{id}/comments", Level.SIGNED_IN, 404),
            row("POST", "/api/v1/requests/{id}/comments", Level.SIGNED_IN, Body.json("{\"text\":\"x\"}"), 404).suspended(403),
            row("POST", "/api/v1/requests/{id}/vote", Level.SIGNED_IN, 404).suspended(403),
            row("DELETE", "/api/v1/requests/{id}/vote", Level.SIGNED_IN, 404),
            row("POST", "/api/v1/admin/requests/{id}/plan", Level.STAFF, 404),
            row("POST", "/api/v1/admin/requests/{id}/fulfil", Level.STAFF, Body.json("{\"materialId\":\"x\"}"), 404),
            row("GET", "/api/v1/admin/webhooks", Level.ADMIN, 200),
            row("POST", "/api/v1/admin/webhooks", Level.ADMIN, Body.json("{}"), 422),
            row("DELETE", "/api/v1/admin/webhooks/{id}", Level.ADMIN, 404),
            row("GET", "/api/v1/admin/webhooks/{id}/deliveries", Level.ADMIN, 404),

            // Issue 16, consultation: anyone asks (a visitor with an e-mail address, a suspended account too);
            // a conversation is read by its asker, staff or the holder of a visitor's link; the inbox is staff's.
            row("GET", "/consultations/new", Level.PUBLIC, 200),
            row("POST", "/consultations/new", Level.PUBLIC, Body.form("text="), 200),
            row("GET", "/consultations/sent", Level.PUBLIC, 200),
            row("GET", "/consultations/{id}", Level.PUBLIC, 404),
            row("POST", "/consultations/{id}/messages", Level.PUBLIC, Body.form("text=x"), 404),
            row("GET", "/me/consultations", Level.SIGNED_IN, 200),
            row("GET", "/admin/consultations", Level.STAFF, 200),
            row("GET", "/admin/consultations/{id}", Level.STAFF, 404),
            row("POST", "/admin/consultations/{id}/assign", Level.STAFF, Body.form(""), 404),
            row("POST", "/admin/consultations/{id}/answer", Level.STAFF, Body.form("text=x"), 404),
            row("POST", "/admin/consultations/{id}/insert", Level.STAFF, Body.form(""), 404),
            row("POST", "/admin/consultations/{id}/close", Level.STAFF, Body.form(""), 404),
            row("GET", "/admin/canned-replies", Level.STAFF, 200),
            row("POST", "/admin/canned-replies", Level.STAFF, Body.form("title="), 302),
            row("POST", "/admin/canned-replies/{id}", Level.STAFF, Body.form("title=x&text=x"), 302),
            row("POST", "/admin/canned-replies/{id}/delete", Level.STAFF, Body.form(""), 302),
            row("POST", "/api/v1/consultations", Level.PUBLIC, Body.json("{}"), 422),
            row("GET", "/api/v1/me/consultations", Level.SIGNED_IN, 200),
            row("GET", "/api/v1/consultations/{id}", Level.PUBLIC, 404),
            row("POST", "/api/v1/consultations/{id}/messages", Level.PUBLIC, Body.json("{\"text\":\"x\"}"), 404),
            row("GET", "/api/v1/admin/consultations", Level.STAFF, 200),
            row("POST", "/api/v1/admin/consultations/{id}/assign", Level.STAFF, Body.json("{}"), 404),
            row("POST", "/api/v1/admin/consultations/{id}/answer", Level.STAFF, Body.json("{\"text\":\"x\"}"), 404),
            row("POST", "/api/v1/admin/consultations/{id}/close", Level.STAFF, 404),
            row("GET", "/api/v1/admin/canned-replies", Level.STAFF, 200),
            row("POST", "/api/v1/admin/canned-replies", Level.STAFF, Body.json("{}"), 422),
            row("PUT", "/api/v1/admin/canned-replies/{id}", Level.STAFF, Body.json("{}"), 404),
            row("DELETE", "/api/v1/admin/canned-replies/{id}", Level.STAFF, 404),
            // Issue 16, reader basics: the caller's own shelf (favourites, history, downloads).
            row("GET", "/api/v1/me/favourites", Level.SIGNED_IN, 200),
            row("PUT", "/api/v1/me/favourites/{materialId}", Level.SIGNED_IN, 404),
            row("DELETE", "/api/v1/me/favourites/{materialId}", Level.SIGNED_IN, 204),
            row("GET", "/api/v1/me/history", Level.SIGNED_IN, 200),
            row("DELETE", "/api/v1/me/history", Level.SIGNED_IN, 204),
            row("GET", "/api/v1/me/downloads", Level.SIGNED_IN, 200),
            row("GET", "/me/favourites", Level.SIGNED_IN, 200),
            row("GET", "/me/history", Level.SIGNED_IN, 200),
            row("GET", "/me/downloads", Level.SIGNED_IN, 200),
            row("POST", "/me/favourites/{materialId}", Level.SIGNED_IN, Body.form("favourite=true"), 404),
            row("POST", "/me/history/clear", Level.SIGNED_IN, Body.form(""), 302),
            // Issue 16, the groups: members read and post where the group rule lets them; staff set up and moderate.
            row("GET", "/api/v1/groups", Level.SIGNED_IN, 200),
            row("GET", "/api/v1/groups/{id}/messages", Level.SIGNED_IN, 404),
            row("GET", "/api/v1/groups/{id}/pinned", Level.SIGNED_IN, 404),
            row("POST", "/api/v1/groups/{id}/messages", Level.SIGNED_IN, Body.json("{\"text\":\"x\"}"), 404),
            row("POST", "/api/v1/groups/{id}/read", Level.SIGNED_IN, Body.json("{\"through\":\"x\"}"), 404),
            row("POST", "/api/v1/groups/{id}/messages/{messageId}/report", Level.SIGNED_IN,
                    Body.json("{\"reason\":\"x\"}"), 404),
            row("GET", "/api/v1/groups/{id}/images/{imageId}", Level.SIGNED_IN, 404),
            row("POST", "/api/v1/admin/groups", Level.STAFF, Body.json("{}"), 422),
            row("GET", "/api/v1/admin/groups", Level.STAFF, 200),
            row("PUT", "/api/v1/admin/groups/{id}", Level.STAFF, Body.json("{}"), 404),
            row("POST", "/api/v1/admin/groups/{id}/qr", Level.STAFF, Body.multipart(), 404),
            row("GET", "/api/v1/admin/groups/{id}/moderation", Level.STAFF, 404),
            row("GET", "/api/v1/admin/groups/reports", Level.STAFF, 200),
            row("POST", "/api/v1/admin/groups/{id}/messages/{messageId}/hide", Level.STAFF,
                    Body.json("{\"reason\":\"x\"}"), 404),
            row("POST", "/api/v1/admin/groups/{id}/messages/{messageId}/pin", Level.STAFF,
                    Body.json("{\"pinned\":true}"), 404),
            row("POST", "/api/v1/admin/groups/{id}/mutes", Level.STAFF,
                    Body.json("{\"userId\":\"x\",\"minutes\":5,\"reason\":\"x\"}"), 404),
            row("POST", "/api/v1/admin/groups/{id}/removals", Level.STAFF,
                    Body.json("{\"userId\":\"x\",\"reason\":\"x\"}"), 404),
            row("DELETE", "/api/v1/admin/groups/{id}/sanctions/{userId}", Level.STAFF, 404),
            row("GET", "/groups", Level.SIGNED_IN, 200),
            row("GET", "/groups/{id}", Level.SIGNED_IN, 404),
            row("GET", "/admin/groups", Level.STAFF, 200),
            row("POST", "/admin/groups", Level.STAFF, Body.form("name="), 302),
            row("POST", "/admin/groups/{id}", Level.STAFF, Body.form("name=x"), 302),
            row("POST", "/admin/groups/{id}/qr", Level.STAFF, Body.multipart(), 302),
            row("POST", "/admin/groups/{id}/mute", Level.STAFF, Body.form("account=x&minutes=5&reason=x"), 302),
            row("POST", "/admin/groups/{id}/remove", Level.STAFF, Body.form("account=x&reason=x"), 302),
            row("POST", "/admin/groups/{id}/lift", Level.STAFF, Body.form("account=x"), 302),
            row("POST", "/admin/groups/{id}/messages/{messageId}/hide", Level.STAFF, Body.form("reason=x"), 302),
            row("POST", "/admin/groups/reports/{reportId}/close", Level.STAFF, Body.form(""), 302),

            // Spring Boot's error page: whoever asks for it directly is told there is nothing there.
            // Opened directly, the container's error dispatch has no error to tell of (web.ContainerErrors).
            row("GET", "/error", Level.PUBLIC, 404),
            // The API description is public (the contract says so); it holds no member text.
            row("GET", "/v3/api-docs", Level.PUBLIC, 200),
            row("GET", "/v3/api-docs.yaml", Level.PUBLIC, 200),
            row("GET", "/v3/api-docs/swagger-config", Level.PUBLIC, 200),
            row("GET", "/swagger-ui.html", Level.PUBLIC, 302));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    @DisplayName("every mapped endpoint and page has a row in the authorization matrix, and every row an endpoint")
    void everyEndpointHasARow() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<String> methods = info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(Collectors.toSet());
            for (String pattern : info.getPatternValues()) {
                for (String method : methods.isEmpty() ? Set.of("GET") : methods) {
                    mapped.add(method + " " + pattern);
                }
            }
        }
        Set<String> rows = TABLE.stream().map(Row::key).collect(Collectors.toCollection(TreeSet::new));
        assertThat(TABLE).extracting(Row::key).as("one row per endpoint").doesNotHaveDuplicates();
        Set<String> missing = new TreeSet<>(mapped);
        missing.removeAll(rows);
        Set<String> stale = new TreeSet<>(rows);
        stale.removeAll(mapped);
        assertThat(missing).as("endpoints without a row in AuthorizationMatrixTest.TABLE").isEmpty();
        assertThat(stale).as("rows without an endpoint").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A persona's two ways in: a bearer token for the API and a browser session (with its CSRF token) for pages. */
    private final class Caller {
        final Persona persona;
        final String token;
        final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String csrf;

        Caller(Persona persona, String token) {
            this.persona = persona;
            this.token = token;
        }

        Caller signIn(String email, String password) {
            csrf = csrfOf(send(false, "GET", "/login", Body.NONE).text);
            Answer login = send(false, "POST", "/login", Body.form("email=" + enc(email) + "&password=" + enc(password)));
            assertThat(login.location).as("signed in as " + persona).doesNotContain("error");
            csrf = csrfOf(send(false, "GET", "/login", Body.NONE).text);
            return this;
        }

        Caller anonymousPages() {
            csrf = csrfOf(send(false, "GET", "/login", Body.NONE).text);
            return this;
        }

        Answer send(boolean api, String method, String path, Body body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30));
            if (api && token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (!api && csrf != null) {
                request.header("X-CSRF-TOKEN", csrf);
            }
            if (body.contentType() != null) {
                request.header("Content-Type", body.contentType());
            }
            request.method(method, body.content() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.content()));
            HttpClient client = api ? apiClient : browser;
            try {
                HttpResponse<InputStream> r = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                String type = r.headers().firstValue("Content-Type").orElse("");
                String text;
                try (InputStream in = r.body()) {
                    // A live stream never ends by itself: its status and headers are the answer.
                    text = type.startsWith("text/event-stream") ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                return new Answer(r.statusCode(), r.headers().firstValue("Location").orElse(""), text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private record Answer(int status, String location, String text) {
    }

    private final HttpClient apiClient = HttpClient.newHttpClient();

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String csrfOf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("page has a CSRF field").isTrue();
        return m.group(1);
    }

    private static String email(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    /** The status a persona should get from a row (for a material row, about a material in {@code state}). */
    private static int expected(Row row, Persona p, State state) {
        boolean signedOut = p == Persona.ANONYMOUS || p == Persona.DEMOTED_EDITOR;
        if (row.api() && p == Persona.DEMOTED_EDITOR) {
            return 401; // the token ended with the role: a script is told at once, even where it needs none
        }
        boolean passes = switch (row.level()) {
            case PUBLIC -> true;
            case SIGNED_IN -> SIGNED_IN.contains(p);
            case STAFF -> STAFF.contains(p);
            case ADMIN -> p == Persona.ADMIN;
        };
        if (passes && row.material() != null && row.material() != MaterialKind.STAFF_VIEW) {
            if (HIDDEN.contains(state) && !STAFF.contains(p)) {
                return row.material() == MaterialKind.DOWNLOAD && signedOut ? (row.api() ? 401 : 302) : 404;
            }
            if (row.material() == MaterialKind.DOWNLOAD && !ENTITLED.get(state).contains(p)) {
                return signedOut ? (row.api() ? 401 : 302) : 403;
            }
        }
        if (passes && row.passedSuspended() != null && (p == Persona.SUSPENDED_MEMBER || p == Persona.SUSPENDED_EDITOR)) {
            return row.passedSuspended();
        }
        if (passes) {
            return row.passed();
        }
        return signedOut ? (row.api() ? 401 : 302) : 403;
    }

    /** Whether a 302 should send the browser to the sign-in page (rather than where a form goes next). */
    private static boolean toSignIn(Row row, Persona p, int want) {
        boolean signedOut = p == Persona.ANONYMOUS || p == Persona.DEMOTED_EDITOR;
        return want == 302 && !row.api() && signedOut && (row.level() != Level.PUBLIC || row.material() == MaterialKind.DOWNLOAD);
    }

    @Test
    @DisplayName("every endpoint × persona × material state answers as the table says, and no body carries text its reader may not read")
    void matrix() {
        Api admin = api().asAdmin();
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "矩阵年卡", "durationDays", 365, "backCatalogDays", 1095))
                .json().get("id").asString();

        // The materials, one per state, each ending with a marker sentence of its own.
        Map<State, String> ids = new EnumMap<>(State.class);
        Map<State, String> markers = new EnumMap<>(State.class);
        Instant now = Instant.now();
        for (State state : State.values()) {
            String marker = SEARCH + "：" + state.name().charAt(0) + Words.unique() + "为本段专用的校验文字。";
            String publishedAt = switch (state) {
                case BACK_CATALOGUE -> now.minus(Duration.ofDays(5 * 365)).toString();
                case SCHEDULED -> now.plus(Duration.ofDays(7)).toString();
                default -> now.minus(Duration.ofHours(1)).toString();
            };
            Api.Response imported = admin.multipart("POST", "/api/v1/admin/materials", Map.of(
                    "text", Speeches.RURAL_MEETING + "\n\n" + marker,
                    "tier", state == State.FREE ? "FREE" : "MEMBER",
                    "publishedAt", publishedAt,
                    "draft", String.valueOf(state == State.DRAFT)), null, null);
            assertThat(imported.status()).as(imported.text()).isEqualTo(201);
            ids.put(state, imported.json().get("materialId").asString());
            markers.put(state, marker);
        }
        assertThat(admin.post("/api/v1/admin/materials/" + ids.get(State.WITHDRAWN) + "/withdraw", Map.of()).status()).isEqualTo(200);

        Map<Persona, Caller> callers = new EnumMap<>(Persona.class);
        callers.put(Persona.ANONYMOUS, new Caller(Persona.ANONYMOUS, null).anonymousPages());
        callers.put(Persona.ADMIN, new Caller(Persona.ADMIN, admin.token(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD))
                .signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD));
        for (Persona p : List.of(Persona.NO_PLAN, Persona.MEMBER, Persona.EXPIRED_MEMBER, Persona.SUSPENDED_MEMBER,
                Persona.EDITOR, Persona.SUSPENDED_EDITOR, Persona.DEMOTED_EDITOR)) {
            String email = email(p.name().toLowerCase().replace("_", ""));
            String id = api().newMember(email).userId();
            switch (p) {
                case MEMBER, SUSPENDED_MEMBER -> admin.post("/api/v1/admin/users/" + id + "/grant", Map.of("planId", planId));
                case EXPIRED_MEMBER -> admin.post("/api/v1/admin/users/" + id + "/grant",
                        Map.of("planId", planId, "startsAt", now.minus(Duration.ofDays(400)).toString()));
                case EDITOR, SUSPENDED_EDITOR, DEMOTED_EDITOR ->
                        admin.put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of("EDITOR")));
                default -> {
                }
            }
            if (p == Persona.SUSPENDED_MEMBER || p == Persona.SUSPENDED_EDITOR) {
                admin.post("/api/v1/admin/users/" + id + "/suspend", Map.of("reason", "矩阵"));
            }
            Caller caller = new Caller(p, api().token(email, Api.MEMBER_PASSWORD)).signIn(email, Api.MEMBER_PASSWORD);
            if (p == Persona.DEMOTED_EDITOR) {
                assertThat(caller.send(false, "GET", "/admin", Body.NONE).status()).isEqualTo(200);
                admin.put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of()));
                // The old session's next request finds it ended; from then on the browser is signed out.
                Answer ended = caller.send(false, "GET", "/admin", Body.NONE);
                assertThat(ended.status()).isEqualTo(302);
                assertThat(ended.location()).endsWith("/login");
                caller.anonymousPages();
            }
            callers.put(p, caller);
        }

        List<String> failures = new ArrayList<>();
        int calls = 0;
        long started = System.nanoTime();
        for (Row row : TABLE) {
            for (State state : row.material() == null ? java.util.Collections.singletonList((State) null) : List.of(State.values())) {
                String path = state == null ? row.path() : row.path().replace("{id}", ids.get(state));
                for (Persona p : Persona.values()) {
                    Answer answer = callers.get(p).send(row.api(), row.method(), path, row.body());
                    calls++;
                    String where = row.key() + (state == null ? "" : " [" + state + "]") + " as " + p;
                    int want = expected(row, p, state);
                    if (answer.status() != want) {
                        failures.add(where + ": " + answer.status() + ", expected " + want);
                    }
                    if (answer.status() == 302 && answer.location().endsWith("/login") != toSignIn(row, p, want)) {
                        failures.add(where + ": redirected to " + answer.location());
                    }
                    String visible = Marked.visible(answer.text());
                    for (State s : State.values()) {
                        if (!ENTITLED.get(s).contains(p) && visible.contains(markers.get(s))) {
                            failures.add(where + ": carries the text of the " + s + " material");
                        }
                    }
                    if (state != null && row.material() != MaterialKind.STAFF_VIEW && want == 200
                            && ENTITLED.get(state).contains(p) && !visible.contains(markers.get(state))) {
                        failures.add(where + ": entitled, but the text is missing");
                    }
                }
            }
        }
        System.out.printf("authorization matrix: %d calls in %d ms%n", calls, (System.nanoTime() - started) / 1_000_000);
        assertThat(calls).isGreaterThan(TABLE.size() * Persona.values().length);
        assertThat(failures).as("authorization matrix").isEmpty();
    }
}
