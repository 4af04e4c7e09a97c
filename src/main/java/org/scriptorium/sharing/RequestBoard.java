package org.scriptorium.sharing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.DbTime;
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.scriptorium.library.Material;
import org.scriptorium.library.Materials;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The requests board (需求征集): members say what they need written, vote (one vote each, and not for their own
 * request, which already counts as asked), and comment; an editor plans a request or fulfils it by linking a
 * material, and everyone who asked or voted is told.
 */
@Service
public class RequestBoard {

    /** Requests one member may post in 24 hours. */
    static final int PER_DAY = 10;

    /** Where a request stands. */
    public enum Status {
        OPEN, PLANNED, FULFILLED
    }

    /** A request as the board shows it. {@code materialId} is set once fulfilled. */
    public record MaterialRequest(String id, String authorId, String authorName, String title, String detail,
                                  Status status, String materialId, int votes, Instant createdAt, Instant updatedAt) {
    }

    /** A request as one member sees it: whether it is theirs and whether they voted. */
    public record Seen(MaterialRequest request, boolean mine, boolean voted) {
    }

    /** A comment under a request. */
    public record Comment(String id, String authorName, String body, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Materials materials;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RequestBoard(JdbcClient jdbc, Accounts accounts, Materials materials, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.materials = materials;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Posts a request.
     *
     * @throws Rejected 422 for a title of fewer than 4 or more than 200 characters or a detail over 4,000; 403 for a
     *                  suspended account; 429 beyond {@value #PER_DAY} requests in 24 hours
     */
    @Transactional
    public String post(String userId, String title, String detail) {
        activeAccount(userId);
        String t = title == null ? "" : title.strip();
        String d = detail == null ? "" : detail.strip();
        if (t.length() < 4 || t.length() > 200) {
            throw Rejected.invalid("REQUEST_TITLE_INVALID", "需求标题请写 4 至 200 个字，说清要什么资料。",
                    "The title must be 4 to 200 characters and say what material is needed.");
        }
        if (d.length() > 4000) {
            throw Rejected.invalid("REQUEST_DETAIL_TOO_LONG", "需求说明不能超过 4000 个字。",
                    "The detail must be at most 4,000 characters.");
        }
        accounts.lockForUpdate(userId); // concurrent posts of one author are counted one after the other
        Instant now = clock.instant();
        List<Instant> today = jdbc.sql("SELECT created_at FROM material_requests WHERE author_id = ? AND created_at > ? ORDER BY created_at DESC")
                .params(userId, DbTime.of(now.minus(Duration.ofDays(1))))
                .query((rs, n) -> DbTime.toInstant(rs.getObject(1, java.time.OffsetDateTime.class))).list();
        if (today.size() >= PER_DAY) {
            // Once the PER_DAY-th newest leaves the 24 hours, another may be posted.
            throw Rejected.tooMany("REQUEST_LIMIT", "每天最多提交 " + PER_DAY + " 条需求，请明天再来。",
                    "At most " + PER_DAY + " requests a day; try again tomorrow.",
                    Duration.between(now, today.get(PER_DAY - 1).plus(Duration.ofDays(1))));
        }
        String id = Ids.newId();
        jdbc.sql("""
                INSERT INTO material_requests (id, author_id, title, detail, status, votes, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'OPEN', 0, ?, ?)""")
                .params(id, userId, t, d, DbTime.of(now), DbTime.of(now)).update();
        return id;
    }

    /**
     * Adds the member's vote.
     *
     * @throws Rejected 404 unknown request; 409 {@code ALREADY_VOTED}, {@code OWN_REQUEST} or {@code REQUEST_CLOSED}
     *                  (fulfilled); 403 for a suspended account
     */
    @Transactional
    public MaterialRequest vote(String requestId, String userId) {
        activeAccount(userId);
        MaterialRequest request = get(requestId);
        if (request.authorId().equals(userId)) {
            throw Rejected.conflict("OWN_REQUEST", "这是您提出的需求，已算作您的一票。", "This is your own request; it already counts as yours.");
        }
        if (request.status() == Status.FULFILLED) {
            throw Rejected.conflict("REQUEST_CLOSED", "该需求已有资料，无需再投票。", "This request is already fulfilled.");
        }
        try {
            jdbc.sql("INSERT INTO request_votes (request_id, user_id, voted_at) VALUES (?, ?, ?)")
                    .params(requestId, userId, DbTime.of(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw alreadyVoted();
        }
        jdbc.sql("UPDATE material_requests SET votes = votes + 1 WHERE id = ?").param(requestId).update();
        return get(requestId);
    }

    /** Takes the member's vote back; nothing happens if they had not voted. */
    @Transactional
    public MaterialRequest unvote(String requestId, String userId) {
        get(requestId);
        if (jdbc.sql("DELETE FROM request_votes WHERE request_id = ? AND user_id = ?").params(requestId, userId).update() == 1) {
            jdbc.sql("UPDATE material_requests SET votes = votes - 1 WHERE id = ?").param(requestId).update();
        }
        return get(requestId);
    }

    /**
     * Adds a comment.
     *
     * @throws Rejected 404 unknown request; 422 for an empty comment or one over 2,000 characters; 403 suspended
     */
    @Transactional
    public Comment comment(String requestId, String userId, String body) {
        Account author = activeAccount(userId);
        get(requestId);
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || text.length() > 2000) {
            throw Rejected.invalid("COMMENT_INVALID", "评论请写 1 至 2000 个字。", "A comment must be 1 to 2,000 characters.");
        }
        Comment comment = new Comment(Ids.newId(), author.displayName(), text, clock.instant());
        jdbc.sql("INSERT INTO request_comments (id, request_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(comment.id(), requestId, userId, text, DbTime.of(comment.createdAt())).update();
        return comment;
    }

    /** Requests, open and planned first by votes, then fulfilled ones newest first; {@code status} filters. */
    public List<Seen> list(String userId, Status status, int limit) {
        List<MaterialRequest> requests = jdbc.sql(SELECT
                        + (status == null ? "" : " WHERE r.status = :status")
                        + " ORDER BY CASE WHEN r.status = 'FULFILLED' THEN 1 ELSE 0 END, r.votes DESC, r.created_at DESC"
                        + " LIMIT :limit")
                .params(status == null ? java.util.Map.of() : java.util.Map.of("status", status.name()))
                .param("limit", Math.clamp(limit, 1, 500))
                .query(RequestBoard::row).list();
        List<String> voted = jdbc.sql("SELECT request_id FROM request_votes WHERE user_id = ?").param(userId)
                .query(String.class).list();
        List<Seen> out = new ArrayList<>(requests.size());
        requests.forEach(r -> out.add(new Seen(r, r.authorId().equals(userId), voted.contains(r.id()))));
        return out;
    }

    /** One request as this member sees it. @throws Rejected 404 for an unknown request */
    public Seen seen(String requestId, String userId) {
        MaterialRequest request = get(requestId);
        boolean voted = jdbc.sql("SELECT COUNT(*) FROM request_votes WHERE request_id = ? AND user_id = ?")
                .params(requestId, userId).query(Long.class).single() > 0;
        return new Seen(request, request.authorId().equals(userId), voted);
    }

    /** @throws Rejected 404 for an unknown request */
    public MaterialRequest get(String requestId) {
        return jdbc.sql(SELECT + " WHERE r.id = ?").param(requestId).query(RequestBoard::row).optional()
                .orElseThrow(() -> Rejected.notFound("REQUEST_NOT_FOUND", "需求不存在。", "No such request."));
    }

    /** Comments, oldest first. */
    public List<Comment> comments(String requestId) {
        return jdbc.sql("""
                SELECT c.id, u.display_name, c.body, c.created_at FROM request_comments c JOIN users u ON u.id = c.author_id
                WHERE c.request_id = ? ORDER BY c.created_at, c.id""")
                .param(requestId)
                .query((rs, n) -> new Comment(rs.getString(1), rs.getString(2), rs.getString(3),
                        DbTime.toInstant(rs.getObject(4, OffsetDateTime.class))))
                .list();
    }

    /**
     * An editor puts a request on the writing plan; the author and voters are told.
     *
     * @throws Rejected 404 unknown request; 409 {@code REQUEST_CLOSED} when already fulfilled
     */
    @Transactional
    public MaterialRequest plan(String requestId, String editorId) {
        MaterialRequest request = get(requestId);
        if (request.status() == Status.FULFILLED) {
            throw Rejected.conflict("REQUEST_CLOSED", "该需求已有资料。", "This request is already fulfilled.");
        }
        if (request.status() == Status.PLANNED) {
            return request;
        }
        jdbc.sql("UPDATE material_requests SET status = 'PLANNED', updated_at = ? WHERE id = ?")
                .params(DbTime.of(clock.instant()), requestId).update();
        events.publishEvent(new RequestEvent.Planned(requestId, askers(request), editorId));
        return get(requestId);
    }

    /**
     * An editor fulfils a request by linking a published material; the author and voters are told.
     *
     * @throws Rejected 404 unknown request or material; 409 {@code REQUEST_CLOSED} when already fulfilled; 422
     *                  {@code MATERIAL_NOT_PUBLISHED} for a material readers cannot see yet
     */
    @Transactional
    public MaterialRequest fulfil(String requestId, String materialId, String editorId) {
        MaterialRequest request = get(requestId);
        if (request.status() == Status.FULFILLED) {
            throw Rejected.conflict("REQUEST_CLOSED", "该需求已有资料。", "This request is already fulfilled.");
        }
        String id = materialIdOf(materialId);
        if (id == null) {
            throw Rejected.invalid("MATERIAL_REQUIRED", "请选择满足该需求的资料，或粘贴它的链接。",
                    "Choose the material that fulfils it, or paste its link.");
        }
        Material material = materials.get(id);
        if (!material.released() || material.publishedAt().isAfter(clock.instant())) {
            throw Rejected.invalid("MATERIAL_NOT_PUBLISHED", "该资料尚未发布，发布后再关联。",
                    "That material is not published yet; link it once it is.");
        }
        jdbc.sql("UPDATE material_requests SET status = 'FULFILLED', material_id = ?, updated_at = ? WHERE id = ?")
                .params(material.id(), DbTime.of(clock.instant()), requestId).update();
        events.publishEvent(new RequestEvent.Fulfilled(requestId, material.id(), askers(request), editorId));
        return get(requestId);
    }

    /**
     * The material id in what an editor gave: the id itself, or a link to the material's page as copied from the
     * browser ({@code https://…/materials/<id>?…#…}); null for nothing.
     */
    static String materialIdOf(String reference) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        String given = reference.strip();
        int at = given.indexOf("/materials/");
        if (at < 0) {
            return given;
        }
        String rest = given.substring(at + "/materials/".length());
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        return end == 0 ? null : rest.substring(0, end);
    }

    /** The author and everyone who voted. */
    private List<String> askers(MaterialRequest request) {
        List<String> askers = new ArrayList<>();
        askers.add(request.authorId());
        jdbc.sql("SELECT user_id FROM request_votes WHERE request_id = ? ORDER BY voted_at").param(request.id())
                .query(String.class).list().stream().filter(u -> !askers.contains(u)).forEach(askers::add);
        return askers;
    }

    private Account activeAccount(String userId) {
        Account account = accounts.get(userId);
        if (account.suspended()) {
            throw new Rejected(403, "ACCOUNT_SUSPENDED", "账号已被暂停，暂时无法参与需求征集。",
                    "Your account is suspended; you cannot take part in requests for now.");
        }
        return account;
    }

    private static Rejected alreadyVoted() {
        return Rejected.conflict("ALREADY_VOTED", "您已经投过票了。", "You have already voted for this request.");
    }

    private static final String SELECT = """
            SELECT r.*, u.display_name FROM material_requests r JOIN users u ON u.id = r.author_id""";

    private static MaterialRequest row(ResultSet rs, int n) throws SQLException {
        return new MaterialRequest(rs.getString("id"), rs.getString("author_id"), rs.getString("display_name"),
                rs.getString("title"), rs.getString("detail"), Status.valueOf(rs.getString("status")),
                rs.getString("material_id"), rs.getInt("votes"),
                DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)),
                DbTime.toInstant(rs.getObject("updated_at", OffsetDateTime.class)));
    }
}
