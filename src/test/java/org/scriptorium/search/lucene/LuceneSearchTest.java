package org.scriptorium.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scriptorium.membership.Tier;
import org.scriptorium.search.IndexedMaterial;
import org.scriptorium.search.MaterialQuery;
import org.scriptorium.search.PassageResult;
import org.scriptorium.search.SearchResult;
import org.scriptorium.search.SearchResult.FacetCount;
import org.scriptorium.search.SortOrder;
import org.scriptorium.search.TitleSuggestion;

@DisplayName("The Lucene search adapter")
class LuceneSearchTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    @TempDir
    Path dir;
    LuceneSearch search;

    @BeforeEach
    void open() {
        search = new LuceneSearch(dir, SHANGHAI);
    }

    @AfterEach
    void close() throws IOException {
        search.close();
    }

    static IndexedMaterial material(String id, String title, String kind, List<String> topics, Tier tier, Instant published,
                                    String... paragraphs) {
        return new IndexedMaterial(id, title, kind, topics, tier, published, List.of(), List.of(paragraphs));
    }

    static IndexedMaterial speech(String id, String title, String... paragraphs) {
        return material(id, title, "讲话稿", List.of("党建"), Tier.MEMBER, NOW.minusSeconds(86_400), paragraphs);
    }

    static MaterialQuery text(String text) {
        return new MaterialQuery(text, null, null, null, null, 0, 20);
    }

    List<String> ids(MaterialQuery query) {
        return search.search(query, NOW, false).hits().stream().map(SearchResult.MaterialHit::materialId).toList();
    }

    List<String> ids(String text) {
        return ids(text(text));
    }

    @Nested
    @DisplayName("finds whole and partial words")
    class Words {

        @BeforeEach
        void index() {
            search.upsert(speech("poverty", "在全县脱贫攻坚总结表彰大会上的讲话", "同志们，今年我们打赢了脱贫攻坚战。"));
            search.upsert(speech("river", "关于全面推行河长制的工作报告", "各级河长要履职尽责，守护一江清水。"));
            search.upsert(speech("school", "在教育工作会议上的讲话", "要办好人民满意的教育。"));
        }

        @Test
        @DisplayName("a word that is part of a longer word: 脱贫 finds 脱贫攻坚, 河长 finds 河长制")
        void partial() {
            assertThat(ids("脱贫")).containsExactly("poverty");
            assertThat(ids("攻坚")).containsExactly("poverty");
            assertThat(ids("河长")).containsExactly("river");
            assertThat(ids("长制")).containsExactly("river");
        }

        @Test
        @DisplayName("a single character")
        void single() {
            assertThat(ids("河")).containsExactly("river");
            assertThat(ids("教")).containsExactly("school");
        }

        @Test
        @DisplayName("characters that never occur together are not a match")
        void notAdjacent() {
            assertThat(ids("脱攻")).isEmpty();
            assertThat(ids("河水")).isEmpty();
        }

        @Test
        @DisplayName("Latin letters and digits, regardless of case and width")
        void latin() {
            search.upsert(speech("digits", "2024年ABC项目推进会讲话", "全年完成投资２０２４万元。"));
            assertThat(ids("2024")).containsExactly("digits");
            assertThat(ids("abc")).containsExactly("digits");
            assertThat(ids("2024年")).containsExactly("digits");
        }
    }

    @Nested
    @DisplayName("combines terms")
    class Terms {

        @BeforeEach
        void index() {
            search.upsert(speech("both", "座谈会讲话", "全面建成小康社会，脱贫攻坚取得决定性胜利。"));
            search.upsert(speech("one", "座谈会发言", "乡村振兴要久久为功。"));
            search.upsert(speech("phrase", "工作会议讲话", "全面小康路上一个也不能少。"));
        }

        @Test
        @DisplayName("two terms must both occur")
        void and() {
            assertThat(ids("座谈会 脱贫")).containsExactly("both");
            assertThat(ids("座谈会")).containsExactlyInAnyOrder("both", "one");
        }

        @Test
        @DisplayName("a quoted phrase must occur as written, its words adjacent")
        void quoted() {
            assertThat(ids("全面 小康")).containsExactlyInAnyOrder("both", "phrase");
            assertThat(ids("\"全面 小康\"")).containsExactly("phrase");
            assertThat(ids("\"全面小康\"")).containsExactly("phrase");
        }

        @Test
        @DisplayName("a title match ranks above a match in the body only")
        void titleFirst() {
            search.upsert(speech("title", "在乡村振兴工作推进会上的讲话", "同志们，今天召开这次会议。"));
            assertThat(ids("乡村振兴")).containsExactly("title", "one");
            SearchResult result = search.search(text("乡村振兴"), NOW, false);
            assertThat(result.hits().get(0).score()).isGreaterThan(result.hits().get(1).score());
        }

        @Test
        @DisplayName("a topic is searchable like text")
        void topic() {
            search.upsert(material("topical", "会议讲话", "讲话稿", List.of("生态环保"), Tier.FREE, NOW.minusSeconds(60), "同志们好。"));
            assertThat(ids("环保")).containsExactly("topical");
        }
    }

    @Nested
    @DisplayName("filters, sorts and pages")
    class Filters {

        @BeforeEach
        void index() {
            ZonedDateTime newYear2025 = ZonedDateTime.of(2025, 1, 1, 0, 0, 0, 0, SHANGHAI);
            search.upsert(material("a", "党建工作讲话", "讲话稿", List.of("党建", "作风"), Tier.FREE,
                    newYear2025.minusSeconds(1).toInstant(), "加强党的建设。"));
            search.upsert(material("b", "党建工作报告", "工作报告", List.of("党建"), Tier.MEMBER,
                    newYear2025.toInstant(), "全面从严治党。"));
            search.upsert(material("c", "党建工作总结", "总结", List.of("作风"), Tier.MEMBER,
                    NOW.plusSeconds(3600), "明年再接再厉。"));
        }

        MaterialQuery query(String kind, String topic, Integer year, Tier tier) {
            return new MaterialQuery("党建", kind, topic, year, tier, 0, 20);
        }

        @Test
        @DisplayName("by kind, topic and tier")
        void exact() {
            assertThat(ids(query("工作报告", null, null, null))).containsExactly("b");
            assertThat(ids(query(null, "作风", null, null))).containsExactly("a");
            assertThat(ids(query(null, null, null, Tier.FREE))).containsExactly("a");
            assertThat(ids(query("讲话", null, null, null))).isEmpty();
        }

        @Test
        @DisplayName("by year, in Shanghai time: a second before midnight on New Year's Eve is the old year")
        void year() {
            assertThat(ids(query(null, null, 2024, null))).containsExactly("a");
            assertThat(ids(query(null, null, 2025, null))).containsExactly("b");
        }

        @Test
        @DisplayName("hides what is not yet published unless asked to include it")
        void unpublished() {
            assertThat(ids("党建")).containsExactlyInAnyOrder("a", "b");
            assertThat(search.search(text("党建"), NOW, true).hits()).extracting(SearchResult.MaterialHit::materialId)
                    .containsExactlyInAnyOrder("a", "b", "c");
            assertThat(search.suggestTitles("党建", 10, NOW)).extracting(TitleSuggestion::materialId)
                    .doesNotContain("c");
        }

        @Test
        @DisplayName("newest first when asked, and when there is no text")
        void newest() {
            assertThat(search.search(new MaterialQuery("党建", null, null, null, null, SortOrder.NEWEST, 0, 20), NOW, true)
                    .hits()).extracting(SearchResult.MaterialHit::materialId).containsExactly("c", "b", "a");
            assertThat(search.search(MaterialQuery.latest(10), NOW, false).hits())
                    .extracting(SearchResult.MaterialHit::materialId).containsExactly("b", "a");
        }

        @Test
        @DisplayName("a page past the end has the total and no hits")
        void pastTheEnd() {
            SearchResult result = search.search(new MaterialQuery("党建", null, null, null, null, 5, 20), NOW, false);
            assertThat(result.total()).isEqualTo(2);
            assertThat(result.hits()).isEmpty();
        }

        @Test
        @DisplayName("returns the stored title, outline, kind, topics, tier and publication time")
        void stored() {
            search.upsert(new IndexedMaterial("o", "在年度总结会上的讲话", "讲话稿", List.of(), Tier.FREE, NOW.minusSeconds(5),
                    List.of("提高政治站位", "狠抓工作落实"), List.of("一、提高政治站位。", "二、狠抓工作落实。")));
            SearchResult.MaterialHit hit = search.search(text("站位"), NOW, false).hits().getFirst();
            assertThat(hit.title()).isEqualTo("在年度总结会上的讲话");
            assertThat(hit.outline()).isEqualTo("提高政治站位\n狠抓工作落实");
            assertThat(hit.kind()).isEqualTo("讲话稿");
            assertThat(hit.topics()).isEmpty();
            assertThat(hit.tier()).isEqualTo(Tier.FREE);
            assertThat(hit.publishedAt()).isEqualTo(NOW.minusSeconds(5));
            search.upsert(material("t", "乡村振兴推进会讲话", "工作报告", List.of("乡村振兴", "党建"), Tier.MEMBER,
                    NOW.minusSeconds(60), "正文。"));
            SearchResult.MaterialHit topical = search.search(text("推进会"), NOW, false).hits().getFirst();
            assertThat(topical.kind()).isEqualTo("工作报告");
            assertThat(topical.topics()).containsExactly("乡村振兴", "党建");
            assertThat(topical.tier()).isEqualTo(Tier.MEMBER);
        }
    }

    @Nested
    @DisplayName("counts")
    class Counts {

        @BeforeEach
        void index() {
            for (int i = 0; i < 50; i++) {
                String kind = i % 5 == 0 ? "工作报告" : "讲话稿";
                List<String> topics = i % 2 == 0 ? List.of("党建", "乡村振兴") : List.of("党建");
                Instant when = ZonedDateTime.of(2020 + i % 3, 6, 1, 0, 0, 0, 0, SHANGHAI).toInstant();
                search.upsert(material("m" + i, "第" + i + "次推进会讲话", kind, topics, i < 10 ? Tier.FREE : Tier.MEMBER,
                        when, "推进高质量发展。"));
            }
            search.upsert(speech("other", "植树节讲话", "绿水青山就是金山银山。"));
        }

        @Test
        @DisplayName("the total is exact")
        void total() {
            SearchResult result = search.search(new MaterialQuery("推进", null, null, null, null, 1, 7), NOW, false);
            assertThat(result.total()).isEqualTo(50);
            assertThat(result.hits()).hasSize(7);
            assertThat(search.materialCount()).isEqualTo(51);
        }

        @Test
        @DisplayName("facets count all matches, not just the page, largest first")
        void facets() {
            SearchResult.Facets f = search.search(new MaterialQuery("推进", null, null, null, null, 0, 5), NOW, false).facets();
            assertThat(f.kinds()).containsExactly(new FacetCount("讲话稿", 40), new FacetCount("工作报告", 10));
            assertThat(f.topics()).containsExactly(new FacetCount("党建", 50), new FacetCount("乡村振兴", 25));
            assertThat(f.years()).containsExactly(new FacetCount("2020", 17), new FacetCount("2021", 17),
                    new FacetCount("2022", 16));
            assertThat(f.tiers()).containsExactly(new FacetCount("MEMBER", 40), new FacetCount("FREE", 10));
            assertThat(f.estimated()).isFalse();
        }

        @Test
        @DisplayName("above the sample size, facets are estimated from a sample and say so; the total stays exact")
        void sampledFacets(@TempDir Path other) throws IOException {
            List<IndexedMaterial> many = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                many.add(material("s" + i, "第" + i + "次推进会讲话", i % 4 == 0 ? "工作报告" : "讲话稿", List.of("党建"),
                        Tier.MEMBER, NOW.minusSeconds(60), "推进工作落实。"));
            }
            try (LuceneSearch sampled = new LuceneSearch(other, SHANGHAI, false, 200)) {
                sampled.rebuild(many.iterator(), n -> { });
                SearchResult result = sampled.search(new MaterialQuery("推进", null, null, null, null, 0, 5), NOW, false);
                assertThat(result.total()).isEqualTo(2_000);
                assertThat(result.facets().estimated()).isTrue();
                assertThat(result.facets().kinds()).extracting(FacetCount::value).containsExactly("讲话稿", "工作报告");
                assertThat(result.facets().kinds().get(0).count()).isBetween(1_200L, 1_800L);
                assertThat(result.facets().kinds().get(1).count()).isBetween(300L, 800L);
                assertThat(result.facets().topics()).singleElement().extracting(FacetCount::count)
                        .isEqualTo(2_000L); // every document has it: the scale is the sample's own
            }
        }

        @Test
        @DisplayName("facets follow the filters")
        void filteredFacets() {
            SearchResult.Facets f = search.search(new MaterialQuery("推进", "工作报告", null, null, null, 0, 5), NOW, false)
                    .facets();
            assertThat(f.kinds()).containsExactly(new FacetCount("工作报告", 10));
        }
    }

    @Nested
    @DisplayName("is safe with any input")
    class Hostile {

        @ParameterizedTest
        @ValueSource(strings = {"+-&|!(){}[]^\"~*?:\\/", "脱贫 AND OR NOT", "\"", "\"\"", "title_g:脱贫", "a*", "脱贫~2",
                "，。！？……", "   ", "", "\"未闭合的引号", "\u0000\uFFFF"})
        @DisplayName("syntax characters, punctuation, empty text")
        void syntax(String input) {
            search.upsert(speech("x", "脱贫攻坚讲话", "脱贫攻坚。"));
            assertThatCode(() -> {
                search.search(text(input), NOW, false);
                search.passages(text(input), NOW, false);
                search.suggestTitles(input, 10, NOW);
            }).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("text with nothing to search for (punctuation, emoji, function words) finds nothing; no text finds everything")
        void punctuation() {
            search.upsert(speech("x", "脱贫攻坚讲话", "脱贫攻坚。"));
            for (String nothing : List.of("！？（）", "😀", "的", "关于", "*")) {
                assertThat(ids(nothing)).as(nothing).isEmpty();
                assertThat(search.passages(text(nothing), NOW, false).total()).as(nothing).isZero();
            }
            assertThat(ids((String) null)).containsExactly("x");
        }

        @Test
        @DisplayName("10,000 characters")
        void long_() {
            search.upsert(speech("x", "脱贫攻坚讲话", "脱贫攻坚。"));
            String huge = "脱贫攻坚 ".repeat(2_000);
            String unbroken = "脱".repeat(10_000);
            assertThatCode(() -> {
                search.search(text(huge), NOW, false);
                search.search(text(unbroken), NOW, false);
                search.passages(text(unbroken), NOW, false);
                search.suggestTitles(unbroken, 10, NOW);
                search.suggestTitles(huge, 10, NOW);
            }).doesNotThrowAnyException();
            assertThat(ids(huge)).containsExactly("x");
        }
    }

    @Nested
    @DisplayName("keeps the index current")
    class Writes {

        @Test
        @DisplayName("an upsert replaces the old text, also in passages")
        void upsertReplaces() {
            search.upsert(speech("x", "会议讲话", "大力发展数字经济。"));
            search.upsert(speech("x", "会议讲话", "加快建设海洋强国。"));
            assertThat(ids("数字经济")).isEmpty();
            assertThat(ids("海洋强国")).containsExactly("x");
            assertThat(search.passages(text("数字经济"), NOW, false).total()).isZero();
            assertThat(search.passages(text("海洋"), NOW, false).total()).isEqualTo(1);
            assertThat(search.materialCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("a delete removes the material and its passages; an unknown id is ignored")
        void delete() {
            search.upsert(speech("x", "会议讲话", "第一段。", "第二段。"));
            assertThat(search.passageCount()).isEqualTo(2);
            search.delete("x");
            search.delete("never-indexed");
            assertThat(search.materialCount()).isZero();
            assertThat(search.passageCount()).isZero();
            assertThat(ids("会议")).isEmpty();
        }

        @Test
        @DisplayName("a rebuild replaces everything and reports progress every thousand and at the end")
        void rebuild() {
            search.upsert(speech("old", "旧的讲话", "旧的内容。"));
            List<IndexedMaterial> fresh = IntStream.range(0, 2_500)
                    .mapToObj(i -> speech("n" + i, "第" + i + "篇新讲话", "新的内容。", "第二段。")).toList();
            List<Long> progress = new ArrayList<>();
            search.rebuild(fresh.iterator(), progress::add);
            assertThat(progress).containsExactly(1_000L, 2_000L, 2_500L);
            assertThat(search.materialCount()).isEqualTo(2_500);
            assertThat(search.passageCount()).isEqualTo(5_000);
            assertThat(ids("旧的")).isEmpty();
            assertThat(search.search(text("新讲话"), NOW, false).total()).isEqualTo(2_500);
        }

        @Test
        @DisplayName("during a rebuild searches answer from the old index, and edits made meanwhile are kept")
        void duringRebuild() {
            search.upsert(speech("old", "旧的讲话", "旧的内容。"));
            List<IndexedMaterial> fresh = IntStream.range(0, 1_500).mapToObj(i -> speech("n" + i, "新讲话", "新的内容。")).toList();
            List<List<String>> seen = new ArrayList<>();
            search.rebuild(fresh.iterator(), n -> {
                if (n == 1_000) {
                    seen.add(ids("旧的"));
                    search.upsert(speech("late", "迟到的讲话", "刚刚修改。"));
                    search.delete("n1");
                    seen.add(ids("迟到"));
                }
            });
            assertThat(seen).containsExactly(List.of("old"), List.of());
            assertThat(ids("迟到")).containsExactly("late");
            assertThat(search.materialCount()).isEqualTo(1_500);
        }

        @Test
        @DisplayName("a failed rebuild leaves the old index in place")
        void failedRebuild() {
            search.upsert(speech("old", "旧的讲话", "旧的内容。"));
            Iterator failing = new Iterator(Stream.of(speech("n", "新讲话", "新的。")).iterator());
            assertThatCode(() -> search.rebuild(failing, n -> { })).isInstanceOf(IllegalStateException.class);
            assertThat(ids("旧的")).containsExactly("old");
            assertThat(ids("新讲话")).isEmpty();
        }

        @Test
        @DisplayName("an index is still there after closing and opening again")
        void reopen() throws IOException {
            search.upsert(speech("x", "会议讲话", "内容。"));
            search.close();
            search = new LuceneSearch(dir, SHANGHAI);
            assertThat(search.wasReset()).isFalse();
            assertThat(ids("会议")).containsExactly("x");
        }

        @Test
        @DisplayName("an unreadable index is reset to empty instead of failing")
        void corrupt() throws IOException {
            search.upsert(speech("x", "会议讲话", "内容。"));
            search.close();
            try (Stream<Path> files = Files.list(dir.resolve("materials"))) {
                for (Path segments : files.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
                    Files.write(segments, "not an index at all".getBytes());
                }
            }
            search = new LuceneSearch(dir, SHANGHAI);
            assertThat(search.wasReset()).isTrue();
            assertThat(search.materialCount()).isZero();
            search.upsert(speech("y", "会议讲话", "内容。"));
            assertThat(ids("会议")).containsExactly("y");
        }

        /** Yields the given materials, then fails as a database connection might. */
        record Iterator(java.util.Iterator<IndexedMaterial> inner) implements java.util.Iterator<IndexedMaterial> {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public IndexedMaterial next() {
                if (inner.hasNext()) {
                    return inner.next();
                }
                throw new IllegalStateException("connection lost");
            }
        }
    }

    @Nested
    @DisplayName("finds passages")
    class Passages {

        @BeforeEach
        void index() {
            search.upsert(speech("x", "在防汛工作会议上的讲话", "同志们：", "今年汛期来得早。", "各级河长要守土有责。", "河道清淤要抓紧。"));
            search.upsert(speech("y", "在生态保护会议上的讲话", "河长制是一项重要制度。"));
        }

        @Test
        @DisplayName("returning the paragraph's position and text, with an exact total")
        void hit() {
            PassageResult result = search.passages(text("河长"), NOW, false);
            assertThat(result.total()).isEqualTo(2);
            assertThat(result.hits()).extracting(PassageResult.PassageHit::text)
                    .containsExactlyInAnyOrder("各级河长要守土有责。", "河长制是一项重要制度。");
            PassageResult.PassageHit x = result.hits().stream().filter(h -> h.materialId().equals("x")).findFirst().orElseThrow();
            assertThat(x.paragraph()).isEqualTo(2);
            assertThat(x.title()).isEqualTo("在防汛工作会议上的讲话");
            assertThat(x.tier()).isEqualTo(Tier.MEMBER);
            assertThat(x.publishedAt()).isEqualTo(NOW.minusSeconds(86_400));
        }

        @Test
        @DisplayName("every term in the same paragraph; title matches are not required nor enough")
        void sameParagraph() {
            assertThat(search.passages(text("河长 守土"), NOW, false).hits())
                    .extracting(PassageResult.PassageHit::paragraph).containsExactly(2);
            // no paragraph holds both: the search falls back to paragraphs holding either, and says so
            PassageResult apart = search.passages(text("河长 清淤"), NOW, false);
            assertThat(apart.match()).isEqualTo(org.scriptorium.search.Match.ANY);
            assertThat(apart.hits()).extracting(PassageResult.PassageHit::paragraph).contains(2, 3);
            assertThat(search.passages(text("防汛"), NOW, false).total()).isZero();
        }

        @Test
        @DisplayName("no text, no passages")
        void noText() {
            assertThat(search.passages(text(null), NOW, false).total()).isZero();
        }

        @Test
        @DisplayName("the material's filters apply")
        void filters() {
            assertThat(search.passages(new MaterialQuery("河长", "工作报告", null, null, null, 0, 10), NOW, false).total())
                    .isZero();
            assertThat(search.passages(text("河长"), NOW.minusSeconds(2 * 86_400), false).total()).isZero();
        }
    }

    @Nested
    @DisplayName("suggests titles")
    class Suggestions {

        @Test
        @DisplayName("containing what was typed, from one character on, best first")
        void typed() {
            search.upsert(speech("a", "在全市安全生产工作会议上的讲话", "内容。"));
            search.upsert(speech("b", "安全生产", "内容。"));
            search.upsert(speech("c", "在乡村振兴推进会上的讲话", "安全生产。"));
            assertThat(search.suggestTitles("安全", 10, NOW)).extracting(TitleSuggestion::materialId)
                    .containsExactly("b", "a");
            assertThat(search.suggestTitles("安", 10, NOW)).extracting(TitleSuggestion::title)
                    .containsExactlyInAnyOrder("安全生产", "在全市安全生产工作会议上的讲话");
            assertThat(search.suggestTitles("乡村 推进", 1, NOW)).extracting(TitleSuggestion::materialId)
                    .containsExactly("c");
            assertThat(search.suggestTitles("安全", 1, NOW)).hasSize(1);
        }
    }

    @Test
    @DisplayName("an empty index answers every question")
    void empty() {
        assertThat(search.search(text("脱贫"), NOW, false).total()).isZero();
        assertThat(search.search(MaterialQuery.latest(10), NOW, false).facets().kinds()).isEmpty();
        assertThat(search.passages(text("脱贫"), NOW, false).hits()).isEmpty();
        assertThat(search.suggestTitles("脱", 5, NOW)).isEmpty();
        assertThat(Arrays.asList(search.materialCount(), search.passageCount())).containsOnly(0L);
    }
}
