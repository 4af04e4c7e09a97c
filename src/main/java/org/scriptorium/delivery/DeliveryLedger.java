package org.scriptorium.delivery;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.scriptorium.common.DbTime;
import org.scriptorium.common.Ids;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only record of every copy delivered: who, what, which revision, in which format, when and from where.
 * Rows are only ever inserted; the tracer reads them to know who received a revision.
 */
@Service
public class DeliveryLedger {

    /** One delivery. */
    public record Delivery(String id, String userId, long memberNumber, String email, String materialId, int revision,
                           String format, String address, String userAgent, Instant deliveredAt) {
    }

    /** Where one or more deliveries went: the client's address and User-Agent, either null when unknown. */
    public record Origin(String address, String userAgent) {
    }

    /**
     * A member who received a revision, and when they first did (which decides the sites their copies carry).
     */
    public record Recipient(String userId, long memberNumber, String email, Instant firstDeliveredAt) {
    }

    /** A revision of a material that someone received. */
    public record DeliveredRevision(String materialId, int revision) {
    }

    /** Downloads are the file formats; reading on a page, through the API or copying a passage are not. */
    private static final List<String> DOWNLOAD_FORMATS = List.of("txt", "docx", "pdf");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    DeliveryLedger(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    void record(String userId, String materialId, int revision, String format) {
        String address = null;
        String userAgent = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            address = request.getRemoteAddr();
            String agent = request.getHeader("User-Agent");
            userAgent = agent == null ? null : agent.substring(0, Math.min(agent.length(), 300));
        }
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO deliveries (id, user_id, material_id, revision, format, address, user_agent, delivered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Ids.newId(), userId, materialId, revision, format, address, userAgent, DbTime.of(now))
                .update();
        events.publishEvent(new CopyDelivered(userId, materialId, revision, format, address, userAgent, now));
    }

    /** The distinct materials the user downloaded as a file (TXT, DOCX or PDF) at or after {@code since}. */
    public Set<String> downloadedSince(String userId, Instant since) {
        return new TreeSet<>(jdbc.sql("""
                SELECT DISTINCT material_id FROM deliveries
                WHERE user_id = :user AND delivered_at >= :since AND format IN (:formats)""")
                .param("user", userId)
                .param("since", DbTime.of(since))
                .param("formats", DOWNLOAD_FORMATS)
                .query(String.class).list());
    }

    /** One file a user downloaded: which material and revision, in which format, when. */
    public record Download(String materialId, int revision, String format, Instant downloadedAt) {
    }

    /**
     * The files (TXT, DOCX or PDF) the user downloaded, newest first, at most {@code limit}: the reader's 我的下载
     * (issue 16, reader basics). Reading on a page, through the API or copying a passage is not a download.
     */
    public List<Download> downloads(String userId, int limit) {
        return jdbc.sql("""
                SELECT material_id, revision, format, delivered_at FROM deliveries
                WHERE user_id = :user AND format IN (:formats)
                ORDER BY delivered_at DESC, id LIMIT :limit""")
                .param("user", userId)
                .param("formats", DOWNLOAD_FORMATS)
                .param("limit", Math.clamp(limit, 1, 10_000))
                .query((rs, n) -> new Download(rs.getString("material_id"), rs.getInt("revision"), rs.getString("format"),
                        DbTime.toInstant(rs.getObject("delivered_at", OffsetDateTime.class))))
                .list();
    }

    /** The distinct users who received an earlier revision than {@code revision} of a material, in any format. */
    public List<String> recipientsBefore(String materialId, int revision) {
        return jdbc.sql("SELECT DISTINCT user_id FROM deliveries WHERE material_id = ? AND revision < ?")
                .params(materialId, revision)
                .query(String.class).list();
    }

    /** Every revision anyone has received, in any format, each once. */
    public List<DeliveredRevision> deliveredRevisions() {
        return jdbc.sql("SELECT DISTINCT material_id, revision FROM deliveries ORDER BY material_id, revision")
                .query((rs, n) -> new DeliveredRevision(rs.getString("material_id"), rs.getInt("revision")))
                .list();
    }

    /** Everyone who received the revision, each once, with their first delivery of it. */
    public List<Recipient> recipients(String materialId, int revision) {
        return jdbc.sql("""
                SELECT d.user_id, u.member_number, u.email, MIN(d.delivered_at) AS first_at
                FROM deliveries d JOIN users u ON u.id = d.user_id
                WHERE d.material_id = ? AND d.revision = ?
                GROUP BY d.user_id, u.member_number, u.email
                ORDER BY u.member_number""")
                .params(materialId, revision)
                .query((rs, n) -> new Recipient(rs.getString("user_id"), rs.getLong("member_number"), rs.getString("email"),
                        DbTime.toInstant(rs.getObject("first_at", OffsetDateTime.class))))
                .list();
    }

    /** The distinct origins of the user's deliveries after {@code since}. */
    public List<Origin> originsSince(String userId, Instant since) {
        return jdbc.sql("SELECT DISTINCT address, user_agent FROM deliveries WHERE user_id = ? AND delivered_at > ?")
                .params(userId, DbTime.of(since))
                .query((rs, n) -> new Origin(rs.getString("address"), rs.getString("user_agent")))
                .list();
    }

    /** Deliveries filtered by material and/or user (null for any), newest first, at most {@code limit}. */
    public List<Delivery> find(String materialId, String userId, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (materialId != null && !materialId.isBlank()) {
            where.add("d.material_id = :material");
            params.put("material", materialId);
        }
        if (userId != null && !userId.isBlank()) {
            where.add("d.user_id = :user");
            params.put("user", userId);
        }
        return jdbc.sql("SELECT d.*, u.member_number, u.email FROM deliveries d JOIN users u ON u.id = d.user_id"
                        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                        + " ORDER BY d.delivered_at DESC, d.id LIMIT :limit")
                .params(params)
                .param("limit", Math.clamp(limit, 1, 10_000))
                .query((rs, n) -> new Delivery(rs.getString("id"), rs.getString("user_id"), rs.getLong("member_number"),
                        rs.getString("email"), rs.getString("material_id"), rs.getInt("revision"), rs.getString("format"),
                        rs.getString("address"), rs.getString("user_agent"),
                        DbTime.toInstant(rs.getObject("delivered_at", OffsetDateTime.class))))
                .list();
    }
}
