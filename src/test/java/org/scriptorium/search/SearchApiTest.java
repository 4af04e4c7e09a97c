package org.scriptorium.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.library.SearchIndexing;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Search through the HTTP API, on the configured adapter (embedded Lucene by default). */
class SearchApiTest extends IntegrationTest {

    @Autowired
    SearchIndexing indexing;

    @Autowired
    SearchIndex index;

    @Autowired
    JdbcClient jdbc;

    private static String uniqueWord() {
        return Words.unique();
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private String importWith(Api admin, String word, Map<String, String> details) {
        Map<String, String> fields = new HashMap<>(details);
        fields.put("text", Speeches.RURAL_MEETING.replace("沟渠清淤", "沟渠清淤和" + word + "整治"));
        Api.Response r = admin.multipart("POST", "/api/v1/admin/materials", fields, null, null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("materialId").asString();
    }

    private Api member(Api admin) {
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "一年会员", "durationDays", 365, "backCatalogDays", 1095))
                .json().get("id").asString();
        String code = admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", 1)).json().get("codes").get(0).asString();
        Api member = api().newMember();
        member.post("/api/v1/me/redeem", Map.of("code", code));
        return member;
    }

    private long total(Api caller, String query) {
        return caller.get("/api/v1/materials?q=" + q(query)).json().get("total").asLong();
    }

    @Test
    @DisplayName("passages carry text only for readers entitled to their material")
    void passagesFollowEntitlement() {
        Api admin = api().asAdmin();
        String word = uniqueWord();
        String id = importWith(admin, word, Map.of());

        // Readers who may not read the material learn nothing: not the material, not the paragraph, not the count.
        JsonNode anonymous = api().get("/api/v1/passages?q=" + q(word)).json();
        assertThat(anonymous.get("total").asLong()).isZero();
        assertThat(anonymous.get("hits").size()).isZero();
        assertThat(api().newMember().get("/api/v1/passages?q=" + q(word)).json().get("total").asLong()).isZero();
        assertThat(admin.get("/api/v1/passages?q=" + q(word)).json().get("hits").get(0).get("materialId").asString())
                .isEqualTo(id);

        JsonNode entitled = member(admin).get("/api/v1/passages?q=" + q(word)).json().get("hits").get(0);
        assertThat(entitled.get("entitled").asBoolean()).isTrue();
        assertThat(Marked.visible(entitled.get("text").asString())).contains(word, "沟渠清淤");
        assertThat(entitled.get("snippet").asString()).contains("<em>" + word + "</em>");

        // FREE text is every signed-in reader's to read, and so to search
        String free = uniqueWord();
        importWith(admin, free, Map.of("tier", "FREE"));
        JsonNode signedIn = api().newMember().get("/api/v1/passages?q=" + q(free)).json().get("hits").get(0);
        assertThat(Marked.visible(signedIn.get("text").asString())).contains(free);
        assertThat(api().get("/api/v1/passages?q=" + q(free)).json().get("total").asLong()).isZero();
    }

    @Test
    @DisplayName("a phrase from member-only text finds nothing for readers who may not read it, and the same for one character changed")
    void noOracle() {
        Api admin = api().asAdmin();
        String word = uniqueWord();
        String id = importWith(admin, word, Map.of());
        String phrase = q("\"沟渠清淤和" + word + "整治\"");
        String changed = q("\"沟渠清淤和" + word + "整冶\"");
        Api stranger = api().newMember();
        for (Api reader : List.of(api(), stranger)) {
            for (String path : List.of("/api/v1/materials?q=", "/api/v1/passages?q=")) {
                JsonNode found = reader.get(path + phrase).json();
                JsonNode notFound = reader.get(path + changed).json();
                assertThat(found.get("total").asLong()).as(path).isZero();
                assertThat(found.get("hits")).as(path).isEqualTo(notFound.get("hits"));
            }
        }
        // the same query on the pages: nothing that names the material
        for (String tab : List.of("materials", "passages")) {
            assertThat(api().get("/materials?q=" + phrase + "&tab=" + tab).text()).as(tab).doesNotContain(id);
        }
        assertThat(member(admin).get("/api/v1/materials?q=" + phrase).json().get("total").asLong()).isEqualTo(1);
        // what a visitor may see is still searched: the outline
        assertThat(api().get("/api/v1/materials?q=" + q("抓好粮食播种")).json().get("total").asLong()).isPositive();
    }

    @Test
    @DisplayName("search snippets for readers who are not entitled come from the title and outline only")
    void snippetsFollowEntitlement() {
        Api admin = api().asAdmin();
        String word = uniqueWord();
        importWith(admin, word, Map.of("title", "关于" + word + "的讲话"));
        String both = q(word + " 粮食");
        JsonNode anonymous = api().get("/api/v1/materials?q=" + both).json().get("hits").get(0);
        assertThat(anonymous.get("entitled").asBoolean()).isFalse();
        assertThat(anonymous.get("snippet").asString()).doesNotContain("沟渠清淤").contains("抓好<em>粮食</em>播种");
        JsonNode member = member(admin).get("/api/v1/materials?q=" + both).json().get("hits").get(0);
        assertThat(member.get("snippet").asString()).contains("<em>粮食</em>安全是国之大者");
        assertThat(anonymous.get("snippet").asString()).doesNotContain("国之大者");
        // A visitor's list is drawn from the index, a member's from the database: both show the same material.
        for (String field : List.of("materialId", "title", "kind", "topics", "tier", "publishedAt")) {
            assertThat(anonymous.get(field)).as(field).isEqualTo(member.get(field));
        }

        String titleWord = uniqueWord();
        importWith(admin, uniqueWord(), Map.of("title", "在" + titleWord + "会议上的讲话"));
        JsonNode byTitle = api().get("/api/v1/materials?q=" + q(titleWord)).json().get("hits").get(0);
        assertThat(byTitle.get("snippet").asString()).contains("<em>" + titleWord + "</em>");
    }

    @Test
    @DisplayName("publishing, revising, withdrawing and restoring update the index in the same flow")
    void indexFollowsChanges() {
        Api admin = api().asAdmin();
        String before = uniqueWord();
        String after = uniqueWord();
        String id = importWith(admin, before, Map.of("tier", "FREE"));
        assertThat(total(admin, before)).isEqualTo(1);

        admin.multipart("PUT", "/api/v1/admin/materials/" + id, Map.of("changeNote", "换词",
                "text", Speeches.RURAL_MEETING.replace("沟渠清淤", "沟渠清淤和" + after + "整治")), null, null);
        assertThat(total(admin, before)).isZero();
        assertThat(total(admin, after)).isEqualTo(1);

        assertThat(admin.post("/api/v1/admin/materials/" + id + "/withdraw", Map.of()).status()).isEqualTo(200);
        assertThat(total(admin, after)).isZero();
        assertThat(api().get("/api/v1/materials/" + id).status()).isEqualTo(404);

        admin.post("/api/v1/admin/materials/" + id + "/restore", Map.of());
        assertThat(total(admin, after)).isEqualTo(1);
    }

    @Test
    @DisplayName("a change saved but not indexed before a crash is replayed from the outbox")
    void outboxReplay() {
        Api admin = api().asAdmin();
        String word = uniqueWord();
        String id = importWith(admin, word, Map.of());
        // The crash: the database has the material and an outbox row, the index does not. (The import's own row may
        // still be there: it goes once the index has committed, within a second.)
        index.delete(id);
        jdbc.sql("DELETE FROM search_outbox WHERE material_id = ?").param(id).update();
        jdbc.sql("INSERT INTO search_outbox (material_id, queued_at) VALUES (?, CURRENT_TIMESTAMP)").param(id).update();
        assertThat(total(admin, word)).isZero();

        assertThat(indexing.replayOutbox()).isPositive();
        assertThat(total(admin, word)).isEqualTo(1);
        // the row goes once the index has made the change durable, not before
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM search_outbox WHERE material_id = ?").param(id).query(Long.class).single() == 0);
    }

    @Test
    @DisplayName("a rebuild restores an index that lost everything")
    void rebuild() {
        Api admin = api().asAdmin();
        String word = uniqueWord();
        importWith(admin, word, Map.of());
        index.rebuild(java.util.Collections.emptyIterator(), n -> { });
        assertThat(total(admin, word)).isZero();
        JsonNode rebuilt = admin.post("/api/v1/admin/search/rebuild", Map.of()).json();
        assertThat(rebuilt.get("materials").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(total(admin, word)).isEqualTo(1);
    }

    @Test
    @DisplayName("a query no material holds whole falls back to some of its words, says so, and is counted for the operator with the fallback that answered")
    void misses() {
        Api admin = api().asAdmin();
        String word = uniqueWord();
        importWith(admin, word, Map.of("title", "关于" + word + "的讲话"));
        String missing = uniqueWord();
        JsonNode partial = api().get("/api/v1/materials?q=" + q(missing + " " + word)).json();
        assertThat(partial.get("match").asString()).isEqualTo("any");
        assertThat(partial.get("total").asLong()).isEqualTo(1);
        assertThat(partial.get("hits").get(0).get("title").asString()).isEqualTo("关于" + word + "的讲话");
        assertThat(partial.get("understood").get("terms").toString()).contains(missing, word);
        String page = api().get("/materials?q=" + q(missing + " " + word)).text();
        assertThat(page).contains("没有同时包含全部词语的资料，以下为部分匹配", "关于" + word + "的讲话")
                .doesNotContain("id=\"empty-help\"");
        String nothing = uniqueWord();
        JsonNode none = api().get("/api/v1/materials?q=" + q(nothing)).json();
        assertThat(none.get("total").asLong()).isZero();
        assertThat(none.get("match").asString()).isEqualTo("all");
        // a quoted phrase is never dropped by the fallback: the help offers the other word alone
        JsonNode quoted = api().get("/api/v1/materials?q=" + q("\"" + nothing + "\" " + word)).json();
        assertThat(quoted.get("total").asLong()).isZero();
        assertThat(quoted.get("help").get("singleTerms").toString()).contains(word);
        assertThat(api().get("/api/v1/materials?q=" + q(word)).json().get("total").asLong()).isEqualTo(1);
        JsonNode filtered = api().get("/api/v1/materials?q=" + q(word) + "&kind=" + q("主持词")).json();
        assertThat(filtered.get("total").asLong()).isZero();
        assertThat(filtered.get("help").get("withoutFilters").asLong()).isEqualTo(1);

        Map<String, JsonNode> byQuery = new java.util.HashMap<>();
        for (JsonNode m : admin.get("/api/v1/admin/search/misses").json()) {
            byQuery.put(m.get("query").asString(), m);
        }
        assertThat(byQuery.get(missing + " " + word).get("misses").asInt()).isEqualTo(2);
        assertThat(byQuery.get(missing + " " + word).get("answeredBy").asString()).isEqualTo("ANY");
        assertThat(byQuery.get(nothing).get("answeredBy").asString()).isEqualTo("NONE");
        assertThat(new org.scriptorium.support.WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD)
                .get("/admin/search").body()).contains(missing + " " + word, "部分匹配（任一词语）", "无结果");
        // found with every word: not counted; the same words with a filter that leaves nothing: counted
        assertThat(byQuery.get(word).get("misses").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("an operator's synonym group applies to the next search, without a rebuild")
    void operatorSynonyms() {
        Api admin = api().asAdmin();
        String word = uniqueWord();
        String other = uniqueWord();
        importWith(admin, word, Map.of("title", "关于" + word + "的讲话"));
        assertThat(total(admin, other)).isZero();
        Api.Response added = admin.post("/api/v1/admin/synonyms", Map.of("terms", List.of(other, word)));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        JsonNode found = admin.get("/api/v1/materials?q=" + q(other)).json();
        assertThat(found.get("total").asLong()).isEqualTo(1);
        assertThat(found.get("hits").get(0).get("snippet").asString()).contains("<em>" + word + "</em>");
        admin.delete("/api/v1/admin/synonyms/" + added.json().get("id").asString());
        assertThat(total(admin, other)).isZero();
    }

    @Test
    @DisplayName("an unspaced query is read as its words, its 文种 and its year")
    void unspaced() {
        Api admin = api().asAdmin();
        String word = uniqueWord();
        importWith(admin, word, Map.of("title", "在" + word + "防汛工作会议上的讲话", "kind", "讲话稿"));
        importWith(admin, word + "汛情", Map.of("title", word + "防汛工作情况的报告", "kind", "工作报告"));
        JsonNode speech = api().get("/api/v1/materials?q=" + q(word + "防汛讲话")).json();
        assertThat(speech.get("match").asString()).isEqualTo("all");
        assertThat(speech.get("total").asLong()).isEqualTo(2);
        assertThat(speech.get("hits").get(0).get("kind").asString()).isEqualTo("讲话稿");
        assertThat(speech.get("understood").get("kindWord").asString()).isEqualTo("讲话");
        JsonNode report = api().get("/api/v1/materials?q=" + q(word + "防汛工作报告")).json();
        assertThat(report.get("hits").get(0).get("kind").asString()).isEqualTo("工作报告");
    }

    @Test
    @DisplayName("hostile or odd queries get a sensible answer, never a server error")
    void badInput() {
        Api caller = api();
        assertThat(caller.get("/api/v1/materials?q=").status()).isEqualTo(200);
        assertThat(caller.get("/api/v1/materials?q=" + q("讲话".repeat(5_000))).status()).isEqualTo(200);
        assertThat(caller.get("/api/v1/materials?q=" + q("+-&|!(){}[]^\"~*?:\\/ AND OR NOT")).status()).isEqualTo(200);
        assertThat(caller.get("/api/v1/passages?q=" + q("\"未闭合的引号")).status()).isEqualTo(200);
        JsonNode lastPage = caller.get("/api/v1/materials?q=" + q("讲话") + "&page=500").json();
        assertThat(lastPage.get("hits").size()).isZero();
        Api.Response farPage = caller.get("/api/v1/materials?q=" + q("讲话") + "&page=999999");
        assertThat(farPage.status()).as("refused with the range, not clamped").isEqualTo(400);
        assertThat(farPage.json().get("code").asString()).isEqualTo("OUT_OF_RANGE");
        assertThat(caller.get("/api/v1/materials?sort=sideways").status()).isEqualTo(422);
        Api.Response badYear = caller.get("/api/v1/materials?year=abc");
        assertThat(badYear.status()).isEqualTo(400);
        assertThat(badYear.json().get("detail").asString()).contains("year");
        assertThat(caller.get("/api/v1/suggest?q=" + q("}{)(")).status()).isEqualTo(200);
        for (String odd : List.of("*", "?", "~", "防汛*", "讲?话", "防汛~2", "AND", "防汛 AND 讲话", "\"防汛", "防汛\"讲话",
                "\"\"", "😀", "防汛😀讲话", "👍🏻🇨🇳", "\u0000\u200b", "2025", "2025年", "的", "关于")) {
            Api.Response r = caller.get("/api/v1/materials?q=" + q(odd));
            assertThat(r.status()).as(odd).isEqualTo(200);
            assertThat(r.json().get("total").asLong()).as(odd).isNotNegative();
            assertThat(caller.get("/api/v1/passages?q=" + q(odd)).status()).as(odd).isEqualTo(200);
            assertThat(caller.get("/materials?q=" + q(odd)).status()).as(odd).isEqualTo(200);
        }
        assertThat(caller.get("/materials?q=" + q("防汛讲话".repeat(1_250))).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("partial words find whole ones, filters narrow, and facets count all matches")
    void partialWordsAndFacets() {
        Api admin = api().asAdmin();
        String word = uniqueWord();
        String text = Speeches.RURAL_MEETING.replace("沟渠清淤", "河长制落实和" + word + "工作");
        admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", text, "kind", "讲话稿", "topics", "河长制"), null, null);
        admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", text, "kind", "工作报告", "topics", "河长制"), null, null);
        JsonNode both = admin.get("/api/v1/materials?q=" + q(word + " 河长")).json();
        assertThat(both.get("total").asLong()).isEqualTo(2);
        assertThat(both.get("facets").get("kinds").toString()).contains("讲话稿", "工作报告");
        JsonNode reports = admin.get("/api/v1/materials?q=" + q(word) + "&kind=" + q("工作报告")).json();
        assertThat(reports.get("total").asLong()).isEqualTo(1);
        assertThat(reports.get("hits").get(0).get("kind").asString()).isEqualTo("工作报告");
    }

    @Test
    @DisplayName("titles are suggested while typing, but not those of materials not yet published")
    void suggestions() {
        Api admin = api().asAdmin();
        String word = uniqueWord();
        admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", Speeches.RURAL_MEETING, "title", "关于" + word + "的讲话"), null, null);
        admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", Speeches.RURAL_MEETING, "title", "关于" + word + "的预告",
                "publishedAt", "2999-01-01"), null, null);
        JsonNode suggestions = api().get("/api/v1/suggest?q=" + q(word.substring(0, 4))).json().get("suggestions");
        assertThat(suggestions.toString()).contains("关于" + word + "的讲话").doesNotContain("的预告");
    }
}
