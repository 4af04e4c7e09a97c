package org.scriptorium.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database adapter reads the library's own tables, so its fixture writes rows there (as publishing and withdrawing
 * do) instead of telling an index. Cases about what the adapter does not offer by design say so.
 */
@DisplayName("The search contract, on the database")
class DatabaseSearchContractTest extends SearchContract {

    private static JdbcClient jdbc;
    private DatabaseMaterialSearch database;

    @BeforeAll
    static void migrate() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:contract-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).load().migrate();
        jdbc = JdbcClient.create(h2);
    }

    @BeforeEach
    void emptyTables() {
        jdbc.sql("DELETE FROM material_revisions").update();
        jdbc.sql("DELETE FROM materials").update();
        database = new DatabaseMaterialSearch(jdbc, SHANGHAI, Synonyms::builtIn);
    }

    @Override
    protected MaterialSearch search() {
        return database;
    }

    @Override
    protected SearchIndex index() {
        return database;
    }

    /** A published material: its row and its current revision, the body's first line its title. */
    @Override
    protected void put(IndexedMaterial m) {
        jdbc.sql("DELETE FROM material_revisions WHERE material_id = ?").params(m.id()).update();
        jdbc.sql("DELETE FROM materials WHERE id = ?").params(m.id()).update();
        jdbc.sql("INSERT INTO materials (id, title, kind, topics, tier, published_at, current_revision, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)")
                .params(m.id(), m.title(), m.kind(), String.join(",", m.topics()), m.tier().name(),
                        DbTime.of(m.publishedAt()), DbTime.of(NOW), DbTime.of(NOW)).update();
        jdbc.sql("INSERT INTO material_revisions (material_id, revision, detected_title, source_text, body, characters, created_at)"
                        + " VALUES (?, 1, ?, ?, ?, 20, ?)")
                .params(m.id(), m.title(), "正文", m.title() + "\n" + String.join("\n", m.paragraphs()), DbTime.of(NOW))
                .update();
    }

    /** Withdrawn, as the library withdraws: the row stays, marked. */
    @Override
    protected void remove(String materialId) {
        jdbc.sql("UPDATE materials SET withdrawn_at = ? WHERE id = ?").params(DbTime.of(NOW), materialId).update();
    }

    @Override
    @Test
    protected void facets() {
        assumeTrue(false, "DatabaseMaterialSearch counts no facets by design: it answers Facets.NONE");
    }

    @Override
    @Test
    protected void outline() {
        assumeTrue(false, "DatabaseMaterialSearch keeps no outline: its hits carry an empty one, and snippets come from "
                + "the caller");
    }

    @Override
    @Test
    protected void outlineVisibleToEveryone() {
        assumeTrue(false, "DatabaseMaterialSearch has no headings apart from the body: it searches title and topics for "
                + "everyone and headings only as body text, within the reader's scope");
    }

    @Override
    @Test
    protected void suggestionsBestFirst() {
        assumeTrue(false, "DatabaseMaterialSearch suggests titles holding the text as typed (one LIKE), newest first, "
                + "not best match first nor term by term");
    }

    @Override
    @Test
    protected void rebuild() {
        assumeTrue(false, "DatabaseMaterialSearch reads the database itself: a rebuild has nothing to replace");
    }

    @Override
    @Test
    protected void editDuringRebuild() {
        assumeTrue(false, "DatabaseMaterialSearch reads the database itself: a rebuild has nothing to replace");
    }

    @Override
    @Test
    @DisplayName("versions: none, the adapter keeps no copy of its own to compare with the database")
    protected void versions() {
        put(speech("x", "会议讲话", "内容。"));
        assertThat(index().versions()).isEmpty();
    }
}
