package org.scriptorium.library;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scriptorium.common.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The operator's notice rules and the built-in rules they switched off ({@code V8_3__notice_rules.sql}). */
@Repository
class NoticeRuleRepository {

    private final JdbcClient jdbc;

    NoticeRuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The operator's rules, oldest first. */
    List<NoticeRuleEntry> operatorRules() {
        return jdbc.sql("SELECT * FROM notice_rules ORDER BY created_at, id").query(NoticeRuleRepository::entry).list();
    }

    Optional<NoticeRuleEntry> find(String id) {
        return jdbc.sql("SELECT * FROM notice_rules WHERE id = ?").param(id).query(NoticeRuleRepository::entry).optional();
    }

    int count() {
        return jdbc.sql("SELECT COUNT(*) FROM notice_rules").query(Integer.class).single();
    }

    void insert(NoticeRuleEntry e) {
        NoticeRule r = e.rule();
        jdbc.sql("""
                INSERT INTO notice_rules (id, scope, pattern, is_regex, reason, enabled, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.scope().name(), r.pattern(), r.regex(), r.reason(), e.enabled(), e.createdBy(),
                        DbTime.of(e.createdAt()))
                .update();
    }

    /** @return whether the rule was there */
    boolean setEnabled(String id, boolean enabled) {
        return jdbc.sql("UPDATE notice_rules SET enabled = ? WHERE id = ?").params(enabled, id).update() > 0;
    }

    /** @return whether the rule was there */
    boolean delete(String id) {
        return jdbc.sql("DELETE FROM notice_rules WHERE id = ?").param(id).update() > 0;
    }

    /** The ids of the built-in rules the operator switched off. */
    Set<String> builtInOff() {
        return new HashSet<>(jdbc.sql("SELECT rule_id FROM notice_rules_off").query(String.class).list());
    }

    void switchOff(String builtInId, String by, Instant at) {
        jdbc.sql("DELETE FROM notice_rules_off WHERE rule_id = ?").param(builtInId).update();
        jdbc.sql("INSERT INTO notice_rules_off (rule_id, switched_by, switched_at) VALUES (?, ?, ?)")
                .params(builtInId, by, DbTime.of(at)).update();
    }

    void switchOn(String builtInId) {
        jdbc.sql("DELETE FROM notice_rules_off WHERE rule_id = ?").param(builtInId).update();
    }

    private static NoticeRuleEntry entry(ResultSet rs, int row) throws SQLException {
        NoticeRule rule = new NoticeRule(rs.getString("id"), NoticeRule.Scope.valueOf(rs.getString("scope")),
                rs.getString("pattern"), rs.getBoolean("is_regex"), rs.getString("reason"), false);
        return new NoticeRuleEntry(rule, rs.getBoolean("enabled"), List.of(), rs.getString("created_by"),
                DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)));
    }
}
