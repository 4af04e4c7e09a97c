package org.scriptorium.library;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.scriptorium.common.DbTime;
import org.scriptorium.membership.Tier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MaterialRepository {

    private final JdbcClient jdbc;

    MaterialRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Material m) {
        jdbc.sql("""
                INSERT INTO materials (id, title, kind, topics, tier, published_at, current_revision, created_at, updated_at,
                                       draft)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(m.id(), m.title(), m.kind(), topicsText(m.topics()), m.tier().name(), DbTime.of(m.publishedAt()),
                        m.currentRevision(), DbTime.of(m.createdAt()), DbTime.of(m.updatedAt()), m.draft())
                .update();
    }

    void update(Material m) {
        jdbc.sql("""
                UPDATE materials SET title = ?, kind = ?, topics = ?, tier = ?, published_at = ?, current_revision = ?,
                                     updated_at = ?, withdrawn_at = ?, draft = ?
                WHERE id = ?""")
                .params(m.title(), m.kind(), topicsText(m.topics()), m.tier().name(), DbTime.of(m.publishedAt()),
                        m.currentRevision(), DbTime.of(m.updatedAt()), DbTime.of(m.withdrawnAt()), m.draft(), m.id())
                .update();
    }

    /**
     * Turns a draft into the published material {@code m} (its publication and change times); false when it is no
     * longer a draft, so that of two concurrent publications one announces it.
     */
    boolean publishDraft(Material m) {
        return jdbc.sql("UPDATE materials SET draft = FALSE, published_at = ?, updated_at = ? WHERE id = ? AND draft = TRUE")
                .params(DbTime.of(m.publishedAt()), DbTime.of(m.updatedAt()), m.id())
                .update() == 1;
    }

    void insertRevision(Revision r) {
        jdbc.sql("""
                INSERT INTO material_revisions (material_id, revision, detected_title, source_name, source_text, body,
                                                characters, change_note, created_by, created_at, parser_version,
                                                cleaned_text, body_hash, stripped_lines)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.materialId(), r.revision(), r.detectedTitle(), r.sourceName(), r.sourceText(), r.body(),
                        r.characters(), r.changeNote(), r.createdBy(), DbTime.of(r.createdAt()), r.parserVersion(),
                        r.cleanedText(), r.bodyHash(), encode(r.strippedLines()))
                .update();
    }

    Optional<Material> find(String id) {
        return jdbc.sql("SELECT * FROM materials WHERE id = ?").param(id).query(MaterialRepository::material).optional();
    }

    /** Materials by id, in the order of the ids given. */
    List<Material> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Material> found = jdbc.sql("SELECT * FROM materials WHERE id IN (:ids)").param("ids", ids)
                .query(MaterialRepository::material).list();
        List<String> order = List.copyOf(ids);
        return found.stream().sorted((a, b) -> Integer.compare(order.indexOf(a.id()), order.indexOf(b.id()))).toList();
    }

    /** The current revision of each given material. */
    Map<String, Revision> currentRevisions(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, Revision> revisions = new HashMap<>();
        jdbc.sql("SELECT r.* FROM materials m"
                        + " JOIN material_revisions r ON r.material_id = m.id AND r.revision = m.current_revision"
                        + " WHERE m.id IN (:ids)")
                .param("ids", ids)
                .query(MaterialRepository::revision).list()
                .forEach(r -> revisions.put(r.materialId(), r));
        return revisions;
    }

    /** The cleaned text of the current revision of each given material. */
    Map<String, String> currentBodies(Collection<String> ids) {
        return currentRevisionText(ids, "body");
    }

    /** One text column ("source_text" or "body", never user input) of each material's current revision. */
    private Map<String, String> currentRevisionText(Collection<String> ids, String column) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, String> texts = new HashMap<>();
        jdbc.sql("SELECT m.id, r." + column + " AS revision_text FROM materials m"
                        + " JOIN material_revisions r ON r.material_id = m.id AND r.revision = m.current_revision"
                        + " WHERE m.id IN (:ids)")
                .param("ids", ids)
                .query(rs -> {
                    texts.put(rs.getString("id"), rs.getString("revision_text"));
                });
        return texts;
    }

    /** Materials whose current revision's body has this SHA-256, oldest first. */
    List<Material> withBodyHash(String bodyHash) {
        return jdbc.sql("""
                SELECT m.* FROM materials m
                JOIN material_revisions r ON r.material_id = m.id AND r.revision = m.current_revision
                WHERE r.body_hash = ? ORDER BY m.created_at, m.id""")
                .param(bodyHash).query(MaterialRepository::material).list();
    }

    Optional<Revision> revision(String materialId, int revision) {
        return jdbc.sql("SELECT * FROM material_revisions WHERE material_id = ? AND revision = ?")
                .params(materialId, revision).query(MaterialRepository::revision).optional();
    }

    List<Revision> revisions(String materialId) {
        return jdbc.sql("SELECT * FROM material_revisions WHERE material_id = ? ORDER BY revision DESC")
                .param(materialId).query(MaterialRepository::revision).list();
    }

    List<String> changedSince(Instant since) {
        return jdbc.sql("SELECT id FROM materials WHERE updated_at >= ? AND draft = FALSE ORDER BY updated_at, id")
                .param(DbTime.of(since)).query(String.class).list();
    }

    /** Every material id, oldest first, for rebuilding derived data such as the search index. */
    List<String> allIds() {
        return jdbc.sql("SELECT id FROM materials ORDER BY created_at, id").query(String.class).list();
    }

    /**
     * Each material readers may find (neither withdrawn nor a draft), with its current revision and the time of its
     * last change.
     */
    Map<String, Version> versions() {
        Map<String, Version> out = new HashMap<>();
        jdbc.sql("SELECT id, current_revision, updated_at FROM materials WHERE withdrawn_at IS NULL AND draft = FALSE")
                .query(rs -> {
                    out.put(rs.getString("id"), new Version(rs.getInt("current_revision"),
                            DbTime.toInstant(rs.getObject("updated_at", OffsetDateTime.class))));
                });
        return out;
    }

    /** The state of a material's row, as the search index records what it was made from. */
    record Version(int revision, Instant updatedAt) {

        static Version of(Material m) {
            return new Version(m.currentRevision(), m.updatedAt());
        }

        @Override
        public String toString() {
            return revision + "@" + updatedAt;
        }
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM materials").query(Long.class).single();
    }

    List<String> kinds() {
        return jdbc.sql("SELECT DISTINCT kind FROM materials ORDER BY kind").query(String.class).list();
    }

    List<String> topicTexts() {
        return jdbc.sql("SELECT DISTINCT topics FROM materials").query(String.class).list();
    }

    static String topicsText(List<String> topics) {
        return String.join(",", topics);
    }

    private static Material material(ResultSet rs, int row) throws SQLException {
        String topics = rs.getString("topics");
        return new Material(
                rs.getString("id"),
                rs.getString("title"),
                rs.getString("kind"),
                topics.isBlank() ? List.of() : Arrays.asList(topics.split(",")),
                Tier.valueOf(rs.getString("tier")),
                DbTime.toInstant(rs.getObject("published_at", OffsetDateTime.class)),
                rs.getInt("current_revision"),
                DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)),
                DbTime.toInstant(rs.getObject("updated_at", OffsetDateTime.class)),
                DbTime.toInstant(rs.getObject("withdrawn_at", OffsetDateTime.class)),
                rs.getBoolean("draft"));
    }

    /** The drafts, most recently changed first, at most {@code limit}: staff list them apart, as search never finds them. */
    List<Material> drafts(int limit) {
        return jdbc.sql("SELECT * FROM materials WHERE draft = TRUE ORDER BY updated_at DESC, id LIMIT ?")
                .param(limit).query(MaterialRepository::material).list();
    }

    private static Revision revision(ResultSet rs, int row) throws SQLException {
        return new Revision(
                rs.getString("material_id"),
                rs.getInt("revision"),
                rs.getString("detected_title"),
                rs.getString("source_name"),
                rs.getString("source_text"),
                rs.getString("body"),
                rs.getInt("characters"),
                rs.getString("change_note"),
                rs.getString("created_by"),
                DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)),
                rs.getInt("parser_version"),
                rs.getString("cleaned_text"),
                rs.getString("body_hash"),
                decode(rs.getString("stripped_lines")));
    }

    /** One line a stripped line: rule, reason and text separated by U+001F, which no imported line keeps. */
    static String encode(List<StrippedLine> lines) {
        if (lines.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (StrippedLine l : lines) {
            out.append(clean(l.rule())).append(FIELD).append(clean(l.reason())).append(FIELD).append(clean(l.text()))
                    .append('\n');
        }
        return out.toString();
    }

    static List<StrippedLine> decode(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<StrippedLine> lines = new java.util.ArrayList<>();
        for (String row : text.split("\n")) {
            String[] f = row.split(String.valueOf(FIELD), 3);
            if (f.length == 3) {
                lines.add(new StrippedLine(f[2], f[0], f[1]));
            }
        }
        return lines;
    }

    private static final char FIELD = '\u001F';

    private static String clean(String s) {
        return s.replace(FIELD, ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
