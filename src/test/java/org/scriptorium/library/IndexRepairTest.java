package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.membership.Tier;
import org.scriptorium.search.IndexedMaterial;
import org.scriptorium.search.SearchIndex;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Start-up compares the search index with the database and repairs every difference, not only an empty index. */
class IndexRepairTest extends IntegrationTest {

    @Autowired
    SearchStartup startup;

    @Autowired
    SearchIndex index;

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("at start, missing materials are added, extra ones removed and stale ones indexed again")
    void startRepairsDifferences() {
        Api admin = api().asAdmin();
        String lostWord = Words.unique();
        String lost = importWith(admin, lostWord);
        String oldWord = Words.unique();
        String newWord = Words.unique();
        String revised = importWith(admin, newWord);
        String withdrawnWord = Words.unique();
        String withdrawn = importWith(admin, withdrawnWord);
        String ghostWord = Words.unique();

        // What a failed write, a crash without outbox rows or an index restored from elsewhere leaves behind:
        index.delete(lost);
        index.upsert(new IndexedMaterial(revised, "旧标题" + oldWord, "讲话稿", List.of(), Tier.FREE, Instant.now(),
                List.of(), List.of(oldWord), "1@2020-01-01T00:00:00Z"));
        jdbc.sql("UPDATE materials SET withdrawn_at = CURRENT_TIMESTAMP WHERE id = ?").param(withdrawn).update();
        index.upsert(new IndexedMaterial("ghost" + ghostWord.hashCode(), ghostWord, "讲话稿", List.of(), Tier.FREE,
                Instant.now(), List.of(), List.of(ghostWord), "1@2020-01-01T00:00:00Z"));
        assertThat(total(lostWord)).isZero();
        assertThat(total(oldWord)).isEqualTo(1);
        assertThat(total(newWord)).isZero();
        assertThat(total(withdrawnWord)).isEqualTo(1);
        assertThat(total(ghostWord)).isEqualTo(1);
        assertThat(index.materialCount()).isPositive(); // not empty: the old start-up would not have looked

        startup.run(new DefaultApplicationArguments());

        assertThat(total(lostWord)).isEqualTo(1);
        assertThat(total(oldWord)).isZero();
        assertThat(total(newWord)).isEqualTo(1);
        assertThat(total(withdrawnWord)).isZero();
        assertThat(total(ghostWord)).isZero();
        Map<String, String> versions = index.versions().orElseThrow();
        assertThat(versions).containsKeys(lost, revised).doesNotContainKey(withdrawn);
        assertThat(versions.get(revised)).startsWith("1@").isNotEqualTo("1@2020-01-01T00:00:00Z");
    }

    private String importWith(Api admin, String word) {
        Api.Response r = admin.multipart("POST", "/api/v1/admin/materials", Map.of("tier", "FREE",
                "text", Speeches.RURAL_MEETING.replace("沟渠清淤", "沟渠清淤和" + word + "整治")), null, null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("materialId").asString();
    }

    /** Matches as staff see them: readers who may not read a material find it by its title and outline only. */
    private long total(String word) {
        return api().asAdmin().get("/api/v1/materials?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8)).json().get("total").asLong();
    }
}
