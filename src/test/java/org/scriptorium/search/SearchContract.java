package org.scriptorium.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.membership.FullTextScope;
import org.scriptorium.membership.Tier;
import org.scriptorium.search.SearchResult.FacetCount;
import org.scriptorium.search.SearchResult.MaterialHit;

/**
 * What every search adapter must answer alike (issue 17): matching, fallbacks, synonyms, phrases, filters, facets,
 * paging, sorting, suggestions, unpublished and withdrawn materials, the reader's full-text scope for hits and
 * passages, and keeping the index current. A subclass gives a fresh, empty adapter per test; where an adapter does not
 * offer something by design, its subclass overrides the case with an {@code assumeTrue} saying why.
 */
public abstract class SearchContract {

    protected static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    protected static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant DAY = Instant.parse("2025-03-01T00:00:00Z");

    /** The adapter's read side. */
    protected abstract MaterialSearch search();

    /** The adapter's write side (the same object as {@link #search()}). */
    protected abstract SearchIndex index();

    /** Makes the material known to the adapter, as the library does when it is published or edited. */
    protected void put(IndexedMaterial material) {
        index().upsert(material);
    }

    /** Makes the material unknown to the adapter, as the library does when it is withdrawn or deleted. */
    protected void remove(String materialId) {
        index().delete(materialId);
    }

    protected static IndexedMaterial material(String id, String title, String kind, List<String> topics, Tier tier,
                                              Instant published, String... paragraphs) {
        return new IndexedMaterial(id, title, kind, topics, tier, published, List.of(), List.of(paragraphs), "v1");
    }

    protected static IndexedMaterial speech(String id, String title, String... paragraphs) {
        return material(id, title, "讲话稿", List.of("党建"), Tier.FREE, NOW.minusSeconds(86_400), paragraphs);
    }

    protected static MaterialQuery text(String text) {
        return new MaterialQuery(text, null, null, null, null, 0, 20);
    }

    protected SearchResult result(String text, FullTextScope scope) {
        return search().search(text(text), NOW, false, scope);
    }

    protected List<String> ids(MaterialQuery query) {
        return search().search(query, NOW, false).hits().stream().map(MaterialHit::materialId).toList();
    }

    protected List<String> ids(String text) {
        return ids(text(text));
    }

    private List<String> found(String text, FullTextScope scope) {
        return result(text, scope).hits().stream().map(MaterialHit::materialId).sorted().toList();
    }

    private List<String> passageIds(String text, FullTextScope scope) {
        return search().passages(text(text), NOW, false, scope).hits().stream().map(PassageResult.PassageHit::materialId)
                .sorted().toList();
    }

    private void library() {
        put(material("speech", "在全市防汛工作会议上的讲话", "讲话稿", List.of("应急管理"), Tier.FREE, DAY,
                "要做好防汛准备工作。", "加强值班值守，确保信息畅通。"));
        put(material("report", "关于防汛工作情况的报告", "工作报告", List.of("应急管理"), Tier.FREE, DAY.plusSeconds(86_400),
                "今年以来防汛形势总体平稳。"));
        put(material("rural", "在乡村振兴工作会议上的讲话", "讲话稿", List.of("三农"), Tier.FREE, DAY.plusSeconds(2 * 86_400),
                "全面推进乡村振兴。"));
        put(material("plan", "关于推进“双随机、一公开”监管的实施方案", "方案", List.of("市场监管"), Tier.FREE, DAY,
                "按照要求推进监管。"));
        put(material("points", "防汛抗旱和水利工作要点", "要点", List.of("水利"), Tier.FREE, DAY, "加强水利建设。"));
        put(material("secret", "关于体育工作的讲话", "讲话稿", List.of("体育"), Tier.MEMBER, DAY, "推动冰雪运动普及。"));
    }

    // ---- matching -------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("finds whole words, parts of words and single characters; characters apart are no match")
    void partialWords() {
        put(speech("poverty", "在全县脱贫攻坚总结表彰大会上的讲话", "同志们，今年我们打赢了脱贫攻坚战。"));
        put(speech("river", "关于全面推行河长制的工作报告", "各级河长要履职尽责，守护一江清水。"));
        assertThat(ids("脱贫")).containsExactly("poverty");
        assertThat(ids("攻坚")).containsExactly("poverty");
        assertThat(ids("河长")).containsExactly("river");
        assertThat(ids("河")).containsExactly("river");
        assertThat(ids("脱攻")).isEmpty();
    }

    @Test
    @DisplayName("every concept must occur; a quoted phrase must occur as written")
    void conceptsAndPhrases() {
        put(speech("both", "座谈会讲话", "全面建成小康社会，脱贫攻坚取得决定性胜利。"));
        put(speech("one", "座谈会发言", "乡村振兴要久久为功。"));
        put(speech("phrase", "工作会议讲话", "全面小康路上一个也不能少。"));
        assertThat(ids("座谈会 脱贫")).containsExactly("both");
        assertThat(ids("全面 小康")).containsExactlyInAnyOrder("both", "phrase");
        assertThat(ids("\"全面小康\"")).containsExactly("phrase");
    }

    @Test
    @DisplayName("a term finds its synonyms; a quoted phrase only itself")
    void synonyms() {
        library();
        assertThat(ids("双随机一公开")).containsExactly("plan");
        assertThat(ids("\"双随机一公开\"")).isEmpty();
        assertThat(ids("\"防汛工作\"")).containsExactlyInAnyOrder("speech", "report");
    }

    @Test
    @DisplayName("when no material holds every concept, most, then any one will do, and the result says so")
    void fallback() {
        library();
        SearchResult most = result("防汛 会议 冬奥", FullTextScope.EVERYTHING);
        assertThat(most.match()).isEqualTo(Match.MOST);
        assertThat(most.hits()).extracting(MaterialHit::materialId).containsExactly("speech");
        SearchResult any = result("防汛 航天 冬奥", FullTextScope.EVERYTHING);
        assertThat(any.match()).isEqualTo(Match.ANY);
        assertThat(any.hits()).extracting(MaterialHit::materialId).containsExactlyInAnyOrder("speech", "report", "points");
        assertThat(result("防汛 会议", FullTextScope.EVERYTHING).match()).isEqualTo(Match.ALL);
        assertThat(result("\"航天\" 防汛 会议", FullTextScope.EVERYTHING).total()).isZero();
    }

    @Test
    @DisplayName("the 文种 and the year a query names rank; a title match ranks above a match in the body only")
    void ranking() {
        library();
        put(material("speech2024", "在防汛工作会议上的讲话", "讲话稿", List.of("应急管理"), Tier.FREE,
                Instant.parse("2024-05-01T00:00:00Z"), "防汛。"));
        // the speeches on 防汛 before the report and the points on it; of the two, the one of the year named first
        assertThat(ids("防汛讲话").subList(0, 2)).containsExactlyInAnyOrder("speech", "speech2024");
        assertThat(ids("防汛讲话")).contains("report", "points").doesNotContain("rural", "plan");
        assertThat(ids("2024年防汛讲话").getFirst()).isEqualTo("speech2024");
        assertThat(ids("2025年防汛讲话").getFirst()).isEqualTo("speech");
        put(speech("title", "在乡村振兴工作推进会上的讲话", "同志们，今天召开这次会议。"));
        put(speech("body", "座谈会发言", "乡村振兴要久久为功。"));
        List<String> rural = ids("乡村振兴");
        assertThat(rural.indexOf("title")).isLessThan(rural.indexOf("body"));
    }

    @Test
    @DisplayName("text with nothing to search for finds nothing, no text finds everything, odd input never fails")
    void oddInput() {
        put(speech("x", "脱贫攻坚讲话", "脱贫攻坚。"));
        for (String nothing : List.of("！？（）", "😀", "的", "*")) {
            assertThat(ids(nothing)).as(nothing).isEmpty();
            assertThat(search().passages(text(nothing), NOW, false).total()).as(nothing).isZero();
        }
        assertThat(ids((String) null)).containsExactly("x");
        for (String odd : List.of("+-&|!(){}[]^\"~*?:\\/", "title_g:脱贫", "' OR 1=1 --", "%", "_", "\"未闭合的引号",
                "\u0000\uFFFF", "脱".repeat(10_000), "脱贫攻坚 ".repeat(2_000))) {
            assertThatCode(() -> {
                search().search(text(odd), NOW, false);
                search().passages(text(odd), NOW, false);
                search().suggestTitles(odd, 10, NOW);
            }).as(odd.length() > 20 ? odd.substring(0, 20) : odd).doesNotThrowAnyException();
        }
    }

    // ---- filters, sorting, paging, facets ------------------------------------------------------------------------

    private void partyMaterials() {
        ZonedDateTime newYear2025 = ZonedDateTime.of(2025, 1, 1, 0, 0, 0, 0, SHANGHAI);
        put(material("a", "党建工作讲话", "讲话稿", List.of("党建", "作风"), Tier.FREE,
                newYear2025.minusSeconds(1).toInstant(), "加强党的建设。"));
        put(material("b", "党建工作报告", "工作报告", List.of("党建"), Tier.MEMBER, newYear2025.toInstant(), "全面从严治党。"));
        put(material("c", "党建工作总结", "总结", List.of("作风"), Tier.MEMBER, NOW.plusSeconds(3600), "明年再接再厉。"));
    }

    private static MaterialQuery party(String kind, String topic, Integer year, Tier tier) {
        return new MaterialQuery("党建", kind, topic, year, tier, 0, 20);
    }

    @Test
    @DisplayName("filters by kind, topic, tier and year (in Shanghai time)")
    void filters() {
        partyMaterials();
        assertThat(ids(party("工作报告", null, null, null))).containsExactly("b");
        assertThat(ids(party(null, "作风", null, null))).containsExactly("a");
        assertThat(ids(party(null, null, null, Tier.FREE))).containsExactly("a");
        assertThat(ids(party("讲话", null, null, null))).isEmpty();
        assertThat(ids(party(null, null, 2024, null))).containsExactly("a");
        assertThat(ids(party(null, null, 2025, null))).containsExactly("b");
    }

    @Test
    @DisplayName("hides what is not yet published unless asked to include it, in hits and suggestions")
    void unpublished() {
        partyMaterials();
        assertThat(ids("党建")).containsExactlyInAnyOrder("a", "b");
        assertThat(search().search(text("党建"), NOW, true).hits()).extracting(MaterialHit::materialId)
                .containsExactlyInAnyOrder("a", "b", "c");
        assertThat(search().suggestTitles("党建", 10, NOW)).extracting(TitleSuggestion::materialId)
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    @DisplayName("newest first when asked, and when there is no text")
    void newest() {
        partyMaterials();
        assertThat(search().search(new MaterialQuery("党建", null, null, null, null, SortOrder.NEWEST, 0, 20), NOW, true)
                .hits()).extracting(MaterialHit::materialId).containsExactly("c", "b", "a");
        assertThat(search().search(MaterialQuery.latest(10), NOW, false).hits()).extracting(MaterialHit::materialId)
                .containsExactly("b", "a");
    }

    @Test
    @DisplayName("the total is exact, a page holds its size, a page past the end has the total and no hits")
    void paging() {
        for (int i = 0; i < 25; i++) {
            put(material("m" + i, "第" + i + "次推进会讲话", "讲话稿", List.of("党建"), Tier.FREE,
                    NOW.minusSeconds(1_000 + i), "推进高质量发展。"));
        }
        SearchResult second = search().search(new MaterialQuery("推进", null, null, null, null, 1, 7), NOW, false);
        assertThat(second.total()).isEqualTo(25);
        assertThat(second.hits()).hasSize(7);
        List<String> all = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            search().search(new MaterialQuery("推进", null, null, null, null, SortOrder.NEWEST, page, 7), NOW, false)
                    .hits().forEach(h -> all.add(h.materialId()));
        }
        assertThat(all).hasSize(25).doesNotHaveDuplicates().startsWith("m0", "m1", "m2");
        SearchResult past = search().search(new MaterialQuery("推进", null, null, null, null, 5, 20), NOW, false);
        assertThat(past.total()).isEqualTo(25);
        assertThat(past.hits()).isEmpty();
    }

    @Test
    @DisplayName("facets count all matches, not just the page, largest first, and follow the filters")
    protected void facets() {
        for (int i = 0; i < 30; i++) {
            Instant when = ZonedDateTime.of(2020 + i % 3, 6, 1, 0, 0, 0, 0, SHANGHAI).toInstant();
            put(material("m" + i, "第" + i + "次推进会讲话", i % 5 == 0 ? "工作报告" : "讲话稿",
                    i % 2 == 0 ? List.of("党建", "乡村振兴") : List.of("党建"), i < 6 ? Tier.FREE : Tier.MEMBER, when,
                    "推进高质量发展。"));
        }
        SearchResult.Facets f = search().search(new MaterialQuery("推进", null, null, null, null, 0, 5), NOW, false).facets();
        assertThat(f.kinds()).containsExactly(new FacetCount("讲话稿", 24), new FacetCount("工作报告", 6));
        assertThat(f.topics()).containsExactly(new FacetCount("党建", 30), new FacetCount("乡村振兴", 15));
        assertThat(f.years()).containsExactly(new FacetCount("2020", 10), new FacetCount("2021", 10),
                new FacetCount("2022", 10));
        assertThat(f.tiers()).containsExactly(new FacetCount("MEMBER", 24), new FacetCount("FREE", 6));
        assertThat(search().search(new MaterialQuery("推进", "工作报告", null, null, null, 0, 5), NOW, false).facets().kinds())
                .containsExactly(new FacetCount("工作报告", 6));
    }

    @Test
    @DisplayName("a hit carries the indexed title, kind, topics, tier and publication time")
    void stored() {
        Instant published = NOW.minusSeconds(5).plusNanos(123_000);
        put(material("t", "乡村振兴推进会讲话", "工作报告", List.of("乡村振兴", "党建"), Tier.MEMBER, published, "正文。"));
        MaterialHit hit = search().search(text("推进会"), NOW, false).hits().getFirst();
        assertThat(hit.title()).isEqualTo("乡村振兴推进会讲话");
        assertThat(hit.kind()).isEqualTo("工作报告");
        assertThat(hit.topics()).containsExactly("乡村振兴", "党建");
        assertThat(hit.tier()).isEqualTo(Tier.MEMBER);
        assertThat(hit.publishedAt()).isEqualTo(published);
    }

    @Test
    @DisplayName("a hit carries the outline, the only part of the text a snippet may show to anyone")
    protected void outline() {
        put(new IndexedMaterial("o", "在年度总结会上的讲话", "讲话稿", List.of(), Tier.FREE, NOW.minusSeconds(5),
                List.of("提高政治站位", "狠抓工作落实"), List.of("一、提高政治站位。", "二、狠抓工作落实。"), "v1"));
        assertThat(search().search(text("站位"), NOW, false).hits().getFirst().outline()).isEqualTo("提高政治站位\n狠抓工作落实");
    }

    // ---- the reader's scope --------------------------------------------------------------------------------------

    private static final Instant LIMIT = NOW.minus(Duration.ofDays(365)).plusNanos(500_000); // not on a millisecond

    private void scoped() {
        for (String[] m : new String[][] {{"old", "甲区"}, {"edge", "乙区"}, {"new", "丙区"}, {"free", "丁区"}}) {
            Tier tier = m[0].equals("free") ? Tier.FREE : Tier.MEMBER;
            Instant published = switch (m[0]) {
                case "old" -> LIMIT.minusMillis(1);
                case "edge" -> LIMIT.minusNanos(100_000); // the same millisecond as the limit, just before it
                case "new" -> LIMIT.plusMillis(1);
                default -> LIMIT.minus(Duration.ofDays(999));
            };
            put(new IndexedMaterial(m[0], "关于" + m[1] + "工作的讲话", "讲话稿", List.of("河长制"), tier, published,
                    List.of("压实工作责任"), List.of("压实工作责任", "要把沟渠清淤和秸秆禁烧抓紧抓实。"), "v1"));
        }
    }

    @Test
    @DisplayName("text is searched in FREE materials and MEMBER ones from the limit on, never before; passages likewise")
    void scope() {
        scoped();
        FullTextScope member = new FullTextScope(false, true, LIMIT);
        assertThat(found("秸秆禁烧", member)).containsExactly("free", "new");
        assertThat(passageIds("秸秆禁烧", member)).containsExactly("free", "new");
        assertThat(found("秸秆禁烧", new FullTextScope(false, true, null))).containsExactly("free");
        assertThat(found("秸秆禁烧", FullTextScope.NOTHING)).isEmpty();
        assertThat(passageIds("秸秆禁烧", FullTextScope.NOTHING)).isEmpty();
        assertThat(found("秸秆禁烧", FullTextScope.EVERYTHING)).containsExactly("edge", "free", "new", "old");
        assertThat(passageIds("秸秆禁烧", FullTextScope.EVERYTHING)).containsExactly("edge", "free", "new", "old");
    }

    @Test
    @DisplayName("titles and topics are searched for everyone; a term only in unreadable text does not count, even relaxed")
    void visibleToEveryone() {
        scoped();
        assertThat(found("河长", FullTextScope.NOTHING)).hasSize(4);
        assertThat(found("甲区", FullTextScope.NOTHING)).containsExactly("old");
        SearchResult apart = result("甲区 秸秆", FullTextScope.NOTHING);
        assertThat(apart.match()).isEqualTo(Match.ANY);
        assertThat(apart.hits()).extracting(MaterialHit::materialId).containsExactly("old");
        assertThat(result("甲区 秸秆", FullTextScope.EVERYTHING).match()).isEqualTo(Match.ALL);
    }

    @Test
    @DisplayName("the outline is searched for everyone")
    protected void outlineVisibleToEveryone() {
        scoped();
        assertThat(found("压实工作责任", FullTextScope.NOTHING)).containsExactly("edge", "free", "new", "old");
    }

    @Test
    @DisplayName("no passage of a material outside the scope comes back, whatever the query and its fallback")
    void passagesNeverLeak() {
        library();
        FullTextScope freeOnly = new FullTextScope(false, true, null);
        for (String q : List.of("冰雪运动", "冰雪运动 防汛 航天", "\"冰雪运动\"", "体育 冰雪", "推动")) {
            for (FullTextScope scope : List.of(FullTextScope.NOTHING, freeOnly)) {
                PassageResult passages = search().passages(text(q), NOW, false, scope);
                assertThat(passages.hits()).as(q).extracting(PassageResult.PassageHit::materialId).doesNotContain("secret");
                if (!q.contains("体育")) { // its title says 体育: found by its title, rightly
                    assertThat(result(q, scope).hits()).as(q).extracting(MaterialHit::materialId).doesNotContain("secret");
                }
            }
        }
        assertThat(search().passages(text("冰雪运动"), NOW, false, FullTextScope.EVERYTHING).hits())
                .extracting(PassageResult.PassageHit::materialId).containsExactly("secret");
    }

    // ---- passages ------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("passages: the paragraph's position and text, every concept in one paragraph or relaxed, filters apply")
    void passages() {
        put(material("x", "在防汛工作会议上的讲话", "讲话稿", List.of("党建"), Tier.MEMBER, NOW.minusSeconds(86_400),
                "同志们：", "今年汛期来得早。", "各级河长要守土有责。", "河道清淤要抓紧。"));
        put(material("y", "在生态保护会议上的讲话", "讲话稿", List.of("党建"), Tier.MEMBER, NOW.minusSeconds(86_400),
                "河长制是一项重要制度。"));
        PassageResult hit = search().passages(text("河长"), NOW, false);
        assertThat(hit.total()).isEqualTo(2);
        assertThat(hit.hits()).extracting(PassageResult.PassageHit::text)
                .containsExactlyInAnyOrder("各级河长要守土有责。", "河长制是一项重要制度。");
        PassageResult.PassageHit x = hit.hits().stream().filter(h -> h.materialId().equals("x")).findFirst().orElseThrow();
        assertThat(x.paragraph()).isEqualTo(2);
        assertThat(x.title()).isEqualTo("在防汛工作会议上的讲话");
        assertThat(x.tier()).isEqualTo(Tier.MEMBER);
        assertThat(x.publishedAt()).isEqualTo(NOW.minusSeconds(86_400));
        assertThat(search().passages(text("河长 守土"), NOW, false).hits())
                .extracting(PassageResult.PassageHit::paragraph).containsExactly(2);
        PassageResult apart = search().passages(text("河长 清淤"), NOW, false);
        assertThat(apart.match()).isEqualTo(Match.ANY);
        assertThat(apart.hits()).extracting(PassageResult.PassageHit::paragraph).contains(2, 3);
        assertThat(search().passages(text(null), NOW, false).total()).isZero();
        assertThat(search().passages(new MaterialQuery("河长", "工作报告", null, null, null, 0, 10), NOW, false).total())
                .isZero();
        assertThat(search().passages(text("河长"), NOW.minusSeconds(2 * 86_400), false).total()).isZero();
    }

    // ---- suggestions ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("suggests published titles containing what was typed, from one character on, at most as many as asked")
    void suggestions() {
        put(speech("a", "在全市安全生产工作会议上的讲话", "内容。"));
        put(speech("b", "安全生产", "内容。"));
        put(speech("c", "在乡村振兴推进会上的讲话", "安全生产。"));
        assertThat(search().suggestTitles("安全", 10, NOW)).extracting(TitleSuggestion::materialId)
                .containsExactlyInAnyOrder("a", "b");
        assertThat(search().suggestTitles("安", 10, NOW)).extracting(TitleSuggestion::title)
                .containsExactlyInAnyOrder("安全生产", "在全市安全生产工作会议上的讲话");
        assertThat(search().suggestTitles("安全", 1, NOW)).hasSize(1);
        assertThat(search().suggestTitles("航天", 10, NOW)).isEmpty();
    }

    @Test
    @DisplayName("suggestions: the best title match first")
    protected void suggestionsBestFirst() {
        put(speech("a", "在全市安全生产工作会议上的讲话", "内容。"));
        put(speech("b", "安全生产", "内容。"));
        assertThat(search().suggestTitles("安全", 10, NOW)).extracting(TitleSuggestion::materialId).containsExactly("b", "a");
        assertThat(search().suggestTitles("全市 会议", 10, NOW)).extracting(TitleSuggestion::materialId)
                .containsExactly("a");
    }

    // ---- keeping the index current -------------------------------------------------------------------------------

    @Test
    @DisplayName("an upsert replaces the old text, also in passages")
    void upsertReplaces() {
        put(speech("x", "会议讲话", "大力发展数字经济。"));
        put(speech("x", "会议讲话", "加快建设海洋强国。"));
        assertThat(ids("数字经济")).isEmpty();
        assertThat(ids("海洋强国")).containsExactly("x");
        assertThat(search().passages(text("数字经济"), NOW, false).total()).isZero();
        assertThat(search().passages(text("海洋"), NOW, false).total()).isEqualTo(1);
        assertThat(index().materialCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("a withdrawn material is found no more, nor its passages; an unknown id is ignored")
    void delete() {
        put(speech("x", "会议讲话", "第一段。", "第二段。"));
        put(speech("y", "会议发言", "第三段。"));
        remove("x");
        remove("never-indexed");
        assertThat(ids("会议")).containsExactly("y");
        assertThat(search().passages(text("第一段"), NOW, false).total()).isZero();
        assertThat(index().materialCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("a rebuild replaces everything, reports progress, and searches answer from the old index meanwhile")
    protected void rebuild() {
        put(speech("old", "旧的讲话", "旧的内容。"));
        List<IndexedMaterial> fresh = IntStream.range(0, 1_500)
                .mapToObj(i -> speech("n" + i, "第" + i + "篇新讲话", "新的内容。", "第二段。")).toList();
        List<Long> progress = new ArrayList<>();
        List<List<String>> seen = new ArrayList<>();
        index().rebuild(fresh.iterator(), n -> {
            progress.add(n);
            if (n == 1_000) {
                seen.add(ids("旧的"));
            }
        });
        assertThat(seen).containsExactly(List.of("old"));
        assertThat(progress).containsExactly(1_000L, 1_500L);
        assertThat(index().materialCount()).isEqualTo(1_500);
        assertThat(ids("旧的")).isEmpty();
        assertThat(search().search(text("新讲话"), NOW, false).total()).isEqualTo(1_500);
        assertThat(search().passages(text("第二段"), NOW, false).total()).isEqualTo(1_500);
    }

    @Test
    @DisplayName("an edit made during a rebuild is kept once the rebuild is done")
    protected void editDuringRebuild() {
        List<IndexedMaterial> fresh = IntStream.range(0, 1_500).mapToObj(i -> speech("n" + i, "新讲话", "新的内容。")).toList();
        index().rebuild(fresh.iterator(), n -> {
            if (n == 1_000) {
                put(speech("late", "迟到的讲话", "刚刚修改。"));
                remove("n1");
            }
        });
        assertThat(ids("迟到")).containsExactly("late");
        assertThat(index().materialCount()).isEqualTo(1_500);
    }

    @Test
    @DisplayName("versions: every material with the version it was indexed at")
    protected void versions() {
        put(speech("x", "会议讲话", "内容。"));
        put(new IndexedMaterial("y", "会议发言", "讲话稿", List.of(), Tier.FREE, NOW.minusSeconds(9), List.of(),
                List.of("一段。"), "3@2025-05-31T23:59:51Z"));
        assertThat(index().versions()).hasValueSatisfying(v -> assertThat(v)
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("x", "v1", "y", "3@2025-05-31T23:59:51Z")));
        remove("x");
        assertThat(index().versions()).hasValueSatisfying(v -> assertThat(v).containsOnlyKeys("y"));
    }

    @Test
    @DisplayName("an empty index answers every question")
    void empty() {
        assertThat(search().search(text("脱贫"), NOW, false).total()).isZero();
        assertThat(search().search(MaterialQuery.latest(10), NOW, false).facets().kinds()).isEmpty();
        assertThat(search().passages(text("脱贫"), NOW, false).hits()).isEmpty();
        assertThat(search().suggestTitles("脱", 5, NOW)).isEmpty();
        assertThat(index().materialCount()).isZero();
    }
}
