package org.scriptorium.sharing;

import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code follows} and {@code notification_cursors} tables. */
@Repository
class FollowRepository {

    private static final String KIND = "KIND";
    private static final String TOPIC = "TOPIC";

    private final JdbcClient jdbc;

    FollowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Follows follows(String userId) {
        Set<String> kinds = new HashSet<>();
        Set<String> topics = new HashSet<>();
        jdbc.sql("SELECT follow_kind, label FROM follows WHERE user_id = ?").param(userId)
                .query(rs -> {
                    (KIND.equals(rs.getString("follow_kind")) ? kinds : topics).add(rs.getString("label"));
                });
        return new Follows(kinds, topics);
    }

    @Transactional
    void replace(String userId, Follows follows) {
        jdbc.sql("DELETE FROM follows WHERE user_id = ?").param(userId).update();
        follows.kinds().forEach(k -> insert(userId, KIND, k));
        follows.topics().forEach(t -> insert(userId, TOPIC, t));
    }

    private void insert(String userId, String kind, String label) {
        jdbc.sql("INSERT INTO follows (user_id, follow_kind, label) VALUES (?, ?, ?)").params(userId, kind, label).update();
    }

    /** The last event id the user has read up to, or null when they never opened the notification centre. */
    Long readThrough(String userId) {
        return jdbc.sql("SELECT read_through FROM notification_cursors WHERE user_id = ?").param(userId)
                .query(Long.class).optional().orElse(null);
    }

    /** Moves the cursor forward (never back, should two tabs race). */
    @Transactional
    void readThrough(String userId, long eventId) {
        int moved = jdbc.sql("UPDATE notification_cursors SET read_through = ? WHERE user_id = ? AND read_through < ?")
                .params(eventId, userId, eventId).update();
        if (moved == 0 && readThrough(userId) == null) {
            jdbc.sql("INSERT INTO notification_cursors (user_id, read_through) VALUES (?, ?)").params(userId, eventId).update();
        }
    }
}
