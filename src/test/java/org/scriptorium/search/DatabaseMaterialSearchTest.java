package org.scriptorium.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.DbTime;
import org.scriptorium.membership.FullTextScope;
import org.springframework.jdbc.core.simple.JdbcClient;

@DisplayName("The database search adapter searches text only within the reader's scope")
class DatabaseMaterialSearchTest {

    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    static final Instant LIMIT = NOW.minus(Duration.ofDays(365));

    DatabaseMaterialSearch search;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:db-search-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).load().migrate();
        JdbcClient jdbc = JdbcClient.create(h2);
        insert(jdbc, "old", "甲区", "MEMBER", LIMIT.minusSeconds(1));
        insert(jdbc, "new", "丙区", "MEMBER", LIMIT.plusSeconds(1));
        insert(jdbc, "free", "丁区", "FREE", LIMIT.minus(Duration.ofDays(999)));
        search = new DatabaseMaterialSearch(jdbc, ZoneId.of("Asia/Shanghai"));
    }

    private static void insert(JdbcClient jdbc, String id, String place, String tier, Instant published) {
        jdbc.sql("INSERT INTO materials (id, title, kind, topics, tier, published_at, current_revision, created_at, updated_at)"
                        + " VALUES (?, ?, '讲话稿', '河长制', ?, ?, 1, ?, ?)")
                .params(id, "关于" + place + "工作的讲话", tier, DbTime.of(published), DbTime.of(NOW), DbTime.of(NOW)).update();
        jdbc.sql("INSERT INTO material_revisions (material_id, revision, detected_title, source_text, body, characters, created_at)"
                        + " VALUES (?, 1, ?, ?, ?, 20, ?)")
                .params(id, place, "正文", "关于" + place + "工作的讲话\n要把沟渠清淤和秸秆禁烧抓紧抓实。", DbTime.of(NOW)).update();
    }

    private List<String> found(String q, FullTextScope scope) {
        return search.search(new MaterialQuery(q, null, null, null, null, 0, 20), NOW, false, scope).hits().stream()
                .map(SearchResult.MaterialHit::materialId).sorted().toList();
    }

    private List<String> passages(String q, FullTextScope scope) {
        return search.passages(new MaterialQuery(q, null, null, null, null, 0, 20), NOW, false, scope).hits().stream()
                .map(PassageResult.PassageHit::materialId).sorted().toList();
    }

    @Test
    @DisplayName("text in scope only; titles and topics for everyone; passages in scope only")
    void scoped() {
        FullTextScope member = new FullTextScope(false, true, LIMIT);
        assertThat(found("秸秆禁烧", member)).containsExactly("free", "new");
        assertThat(found("秸秆禁烧", FullTextScope.NOTHING)).isEmpty();
        assertThat(found("秸秆禁烧", FullTextScope.EVERYTHING)).containsExactly("free", "new", "old");
        assertThat(found("甲区", FullTextScope.NOTHING)).containsExactly("old");
        assertThat(found("河长制", FullTextScope.NOTHING)).hasSize(3);
        assertThat(passages("秸秆禁烧", member)).containsExactly("free", "new");
        assertThat(passages("秸秆禁烧", FullTextScope.NOTHING)).isEmpty();
    }
}
