package org.scriptorium.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.DbTime;
import org.scriptorium.membership.FullTextScope;
import org.springframework.jdbc.core.simple.JdbcClient;

@DisplayName("The database search adapter searches text only within the reader's scope")
class DatabaseMaterialSearchTest {

    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    static final Instant LIMIT = NOW.minus(Duration.ofDays(365));

    DatabaseMaterialSearch search;
    JdbcClient jdbc;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:db-search-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).load().migrate();
        jdbc = JdbcClient.create(h2);
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

    @Test
    @DisplayName("an alternative holding another is not looked for apart: the shorter one finds it")
    void needed() {
        assertThat(DatabaseMaterialSearch.needed(List.of("防汛", "防汛抗旱", "防汛救灾"))).containsExactly("防汛");
        assertThat(DatabaseMaterialSearch.needed(List.of("讲话", "讲话稿", "讲稿"))).containsExactly("讲话", "讲稿");
        assertThat(DatabaseMaterialSearch.needed(List.of("双随机一公开", "双随机、一公开")))
                .containsExactly("双随机一公开", "双随机、一公开");
    }

    @Nested
    @DisplayName("reads queries as QueryUnderstanding does")
    class Understood {

        static final Instant DAY = Instant.parse("2025-03-01T00:00:00Z");

        @BeforeEach
        void materials() {
            // the report is newer than the speech: newest first would put it first
            material("speech", "在全市防汛工作会议上的讲话", "讲话稿", "应急管理", "FREE", DAY,
                    "要做好防汛准备工作。", "加强值班值守，确保信息畅通。");
            material("report", "关于防汛工作情况的报告", "工作报告", "应急管理", "FREE", DAY.plusSeconds(86_400),
                    "今年以来防汛形势总体平稳。");
            material("rural", "在乡村振兴工作会议上的讲话", "讲话稿", "三农", "FREE", DAY.plusSeconds(2 * 86_400),
                    "全面推进乡村振兴。");
            material("plan", "关于推进“双随机、一公开”监管的实施方案", "方案", "市场监管", "FREE", DAY, "按照要求推进监管。");
            material("points", "防汛抗旱和水利工作要点", "要点", "水利", "FREE", DAY, "加强水利建设。");
            material("secret", "关于体育工作的讲话", "讲话稿", "体育", "MEMBER", DAY, "推动冰雪运动普及。");
        }

        void material(String id, String title, String kind, String topics, String tier, Instant published,
                      String... paragraphs) {
            jdbc.sql("INSERT INTO materials (id, title, kind, topics, tier, published_at, current_revision, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)")
                    .params(id, title, kind, topics, tier, DbTime.of(published), DbTime.of(NOW), DbTime.of(NOW)).update();
            jdbc.sql("INSERT INTO material_revisions (material_id, revision, detected_title, source_text, body, characters, created_at)"
                            + " VALUES (?, 1, ?, ?, ?, 20, ?)")
                    .params(id, title, "正文", title + "\n" + String.join("\n", paragraphs), DbTime.of(NOW)).update();
        }

        SearchResult result(String q, FullTextScope scope) {
            return search.search(new MaterialQuery(q, null, null, null, null, 0, 20), NOW, false, scope);
        }

        List<String> ranked(String q) {
            return ids(result(q, FullTextScope.EVERYTHING));
        }

        List<String> ids(SearchResult result) {
            return result.hits().stream().map(SearchResult.MaterialHit::materialId).toList();
        }

        @Test
        @DisplayName("an unspaced query with a 文种 finds the speech on the topic first, and nothing off the topic")
        void unspaced() {
            SearchResult result = result("防汛讲话", FullTextScope.EVERYTHING);
            assertThat(ids(result)).containsExactly("speech", "report", "points");
            assertThat(result.match()).isEqualTo(Match.ALL);
            assertThat(result.understood().kind().word()).isEqualTo("讲话");
            assertThat(ids(search.search(new MaterialQuery("防汛讲话", null, null, null, null, SortOrder.NEWEST, 0, 20),
                    NOW, false, FullTextScope.EVERYTHING))).startsWith("report");
        }

        @Test
        @DisplayName("a year in the query ranks the material of that year first")
        void year() {
            material("speech2024", "在防汛工作会议上的讲话", "讲话稿", "应急管理", "FREE", Instant.parse("2024-05-01T00:00:00Z"),
                    "防汛。");
            assertThat(ranked("2024年防汛讲话").getFirst()).isEqualTo("speech2024");
            assertThat(ranked("防汛讲话").getFirst()).isEqualTo("speech");
        }

        @Test
        @DisplayName("a term finds its synonyms, and a quoted phrase only itself")
        void synonymsAndPhrases() {
            assertThat(ranked("双随机一公开")).containsExactly("plan");
            assertThat(ranked("\"双随机一公开\"")).isEmpty();
            assertThat(ranked("\"防汛工作\"")).containsExactlyInAnyOrder("speech", "report");
            assertThat(ranked("防汛工作")).contains("points");
            // the groups are asked for at each search
            assertThat(ranked("冬奥")).isEmpty();
            DatabaseMaterialSearch own = new DatabaseMaterialSearch(jdbc, ZoneId.of("Asia/Shanghai"),
                    () -> Synonyms.of(List.of(List.of("冬奥", "冰雪运动"))));
            assertThat(own.search(new MaterialQuery("冬奥", null, null, null, null, 0, 20), NOW, false,
                    FullTextScope.EVERYTHING).hits()).extracting(SearchResult.MaterialHit::materialId)
                    .containsExactly("secret");
        }

        @Test
        @DisplayName("when no material holds every concept, most of them, then any one will do, and the result says so")
        void fallback() {
            SearchResult most = result("防汛 会议 冬奥", FullTextScope.EVERYTHING);
            assertThat(most.match()).isEqualTo(Match.MOST);
            assertThat(ids(most)).containsExactly("speech");
            SearchResult any = result("防汛 航天 冬奥", FullTextScope.EVERYTHING);
            assertThat(any.match()).isEqualTo(Match.ANY);
            assertThat(ids(any)).containsExactlyInAnyOrder("speech", "report", "points");
            assertThat(result("防汛 会议", FullTextScope.EVERYTHING).match()).isEqualTo(Match.ALL);
            // a quoted phrase is never dropped
            SearchResult exact = result("\"航天\" 防汛 会议", FullTextScope.EVERYTHING);
            assertThat(exact.total()).isZero();
        }

        @Test
        @DisplayName("a word only in a body the reader may not read is not found, not even when any concept will do")
        void scope() {
            assertThat(ids(result("冰雪运动", FullTextScope.EVERYTHING))).containsExactly("secret");
            assertThat(ids(result("冰雪运动", FullTextScope.NOTHING))).isEmpty();
            FullTextScope freeOnly = new FullTextScope(false, true, null);
            assertThat(ids(result("冰雪运动", freeOnly))).isEmpty();
            for (FullTextScope scope : List.of(FullTextScope.NOTHING, freeOnly)) {
                SearchResult relaxed = result("冰雪运动 防汛 航天", scope);
                assertThat(relaxed.match()).isEqualTo(Match.ANY);
                assertThat(ids(relaxed)).isNotEmpty().doesNotContain("secret");
            }
            assertThat(ids(result("冰雪运动 防汛 航天", FullTextScope.EVERYTHING))).contains("secret");
            assertThat(search.passages(new MaterialQuery("冰雪运动 防汛 航天", null, null, null, null, 0, 20), NOW, false,
                    new FullTextScope(false, true, null)).hits()).extracting(PassageResult.PassageHit::materialId)
                    .isNotEmpty().doesNotContain("secret");
        }

        @Test
        @DisplayName("%, _, ! and \\ in a query are literal characters")
        void wildcards() {
            material("percent", "增长50%的目标", "方案", "经济", "FREE", DAY, "正文。");
            material("fifty", "增长500亿元的目标", "方案", "经济", "FREE", DAY, "正文。");
            material("underscore", "a_b制度", "方案", "经济", "FREE", DAY, "正文。");
            material("axb", "axb制度", "方案", "经济", "FREE", DAY, "正文。");
            material("backslash", "路径c:\\data说明", "方案", "经济", "FREE", DAY, "正文。");
            material("colon", "路径c:data说明", "方案", "经济", "FREE", DAY, "正文。");
            assertThat(ranked("\"50%\"")).containsExactly("percent");
            assertThat(ranked("\"a_b\"")).containsExactly("underscore");
            assertThat(ranked("\"c:\\d\"")).containsExactly("backslash");
            material("bang", "注意!_事项", "方案", "经济", "FREE", DAY, "正文。");
            material("bangx", "注意!x事项", "方案", "经济", "FREE", DAY, "正文。");
            assertThat(ranked("\"意!_事\"")).containsExactly("bang");
        }

        @Test
        @DisplayName("passages are paragraphs holding the concepts, relaxed when no paragraph holds them all")
        void passages() {
            PassageResult all = search.passages(new MaterialQuery("防汛讲话", null, null, null, null, 0, 20), NOW, false,
                    FullTextScope.EVERYTHING);
            assertThat(all.match()).isEqualTo(Match.ALL);
            assertThat(all.hits()).extracting(PassageResult.PassageHit::text)
                    .containsExactlyInAnyOrder("要做好防汛准备工作。", "今年以来防汛形势总体平稳。");
            // the speech holds both words, but in different paragraphs
            PassageResult any = search.passages(new MaterialQuery("防汛 值班", null, null, null, null, 0, 20), NOW, false,
                    FullTextScope.EVERYTHING);
            assertThat(any.match()).isEqualTo(Match.ANY);
            assertThat(any.hits()).extracting(PassageResult.PassageHit::text)
                    .contains("要做好防汛准备工作。", "加强值班值守，确保信息畅通。");
            assertThat(any.hits()).filteredOn(h -> h.materialId().equals("speech"))
                    .extracting(PassageResult.PassageHit::paragraph).containsExactlyInAnyOrder(0, 1);
        }

        @Test
        @DisplayName("odd input gives a result, never an exception")
        void oddInput() {
            Stream.of("😀", "防汛😀讲话", "👍🏻🇨🇳", "\"防汛讲话", "防汛\"讲话\"\"", "\"\"", "\u0000\u200b", "%", "_", "\\",
                    "' OR 1=1 --", "2025", "的", "防汛讲话".repeat(1_250), "防".repeat(5_000)).forEach(q ->
                    assertThatCode(() -> {
                        for (FullTextScope scope : List.of(FullTextScope.EVERYTHING, FullTextScope.NOTHING,
                                new FullTextScope(false, true, LIMIT))) {
                            assertThat(result(q, scope)).isNotNull();
                            assertThat(search.passages(new MaterialQuery(q, null, null, null, null, 0, 20), NOW, false,
                                    scope)).isNotNull();
                        }
                    }).as(q.length() > 20 ? q.substring(0, 20) + "…" : q).doesNotThrowAnyException());
            assertThat(ranked("防汛😀讲话").getFirst()).isEqualTo("speech");
            assertThat(ranked("\"防汛讲话").getFirst()).isEqualTo("speech");
        }
    }
}
