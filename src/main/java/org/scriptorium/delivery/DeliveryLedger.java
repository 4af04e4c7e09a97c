package org.scriptorium.delivery;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scriptorium.common.DbTime;
import org.scriptorium.common.Ids;
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

    private final JdbcClient jdbc;
    private final Clock clock;

    DeliveryLedger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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
        jdbc.sql("""
                INSERT INTO deliveries (id, user_id, material_id, revision, format, address, user_agent, delivered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Ids.newId(), userId, materialId, revision, format, address, userAgent, DbTime.of(clock.instant()))
                .update();
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
