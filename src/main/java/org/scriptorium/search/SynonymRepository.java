package org.scriptorium.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.scriptorium.common.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The operator's synonym groups ({@code V9_1__search_synonyms.sql}). */
@Repository
class SynonymRepository {

    /** How stored terms are joined; a term never holds it ({@link SynonymCheck}). */
    private static final String JOIN = "/";

    private final JdbcClient jdbc;

    SynonymRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The operator's groups, oldest first. */
    List<SynonymGroup> all() {
        return jdbc.sql("SELECT * FROM search_synonyms ORDER BY created_at, id").query(SynonymRepository::group).list();
    }

    Optional<SynonymGroup> find(String id) {
        return jdbc.sql("SELECT * FROM search_synonyms WHERE id = ?").param(id).query(SynonymRepository::group)
                .optional();
    }

    int count() {
        return jdbc.sql("SELECT COUNT(*) FROM search_synonyms").query(Integer.class).single();
    }

    void insert(SynonymGroup g) {
        jdbc.sql("""
                INSERT INTO search_synonyms (id, terms, note, enabled, created_by, created_at, updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(g.id(), String.join(JOIN, g.terms()), g.note(), g.enabled(), g.createdBy(),
                        DbTime.of(g.createdAt()), g.updatedBy(), DbTime.of(g.updatedAt()))
                .update();
    }

    /** @return whether the group was there */
    boolean update(SynonymGroup g) {
        return jdbc.sql("""
                UPDATE search_synonyms SET terms = ?, note = ?, enabled = ?, updated_by = ?, updated_at = ?
                WHERE id = ?""")
                .params(String.join(JOIN, g.terms()), g.note(), g.enabled(), g.updatedBy(), DbTime.of(g.updatedAt()),
                        g.id())
                .update() > 0;
    }

    /** @return whether the group was there */
    boolean delete(String id) {
        return jdbc.sql("DELETE FROM search_synonyms WHERE id = ?").param(id).update() > 0;
    }

    private static SynonymGroup group(ResultSet rs, int row) throws SQLException {
        return new SynonymGroup(rs.getString("id"), List.of(rs.getString("terms").split(JOIN)), rs.getString("note"),
                false, rs.getBoolean("enabled"), rs.getString("created_by"),
                DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)), rs.getString("updated_by"),
                DbTime.toInstant(rs.getObject("updated_at", OffsetDateTime.class)));
    }
}
