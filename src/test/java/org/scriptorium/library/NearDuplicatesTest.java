package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** An import that nearly duplicates a published material says so, and is imported all the same. */
class NearDuplicatesTest extends IntegrationTest {

    @Autowired
    NearDuplicates nearDuplicates;

    @Autowired
    JdbcClient jdbc;

    private static JsonNode importText(Api admin, String text, boolean draft) {
        Map<String, String> fields = new HashMap<>(Map.of("text", text, "draft", String.valueOf(draft)));
        Api.Response r = admin.multipart("POST", "/api/v1/admin/materials", fields, null, null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    /** The similarity reported for {@code materialId}, or -1 when it is not listed. */
    private static double similarity(JsonNode imported, String materialId) {
        JsonNode similar = imported.get("similar");
        if (similar == null) {
            return -1;
        }
        double previous = 2;
        double found = -1;
        for (JsonNode s : similar) {
            double value = s.get("similarity").asDouble();
            assertThat(value).as("most similar first, all at least 0.9").isLessThanOrEqualTo(previous).isGreaterThanOrEqualTo(0.9);
            assertThat(s.get("title").asString()).isNotBlank();
            previous = value;
            if (materialId.equals(s.get("materialId").asString())) {
                found = value;
            }
        }
        assertThat(similar.size()).isLessThanOrEqualTo(5);
        return found;
    }

    @Test
    @DisplayName("a real report imported again with two paragraphs changed is reported ≥ 0.9 similar, the exact text 1.0, "
            + "another report of the same kind not at all")
    void nearDuplicateOfRealReport() throws IOException {
        Api admin = api().asAdmin();
        String report = TextResemblanceTest.real("A05_");
        String original = importText(admin, report, false).get("materialId").asString();

        JsonNode changed = importText(admin, TextResemblanceTest.withTwoParagraphsChanged(report, 2, 7), false);
        assertThat(similarity(changed, original)).isBetween(0.9, 0.999);
        JsonNode same = importText(admin, report, false);
        assertThat(similarity(same, original)).isEqualTo(1.0);
        assertThat(same.get("materialId").asString()).as("imported all the same").isNotEqualTo(original);

        JsonNode other = importText(admin, TextResemblanceTest.real("A07_"), false);
        assertThat(similarity(other, original)).isEqualTo(-1);
    }

    @Test
    @DisplayName("drafts and withdrawn materials are not published: an import like them is not told of them")
    void onlyPublishedCount() throws IOException {
        Api admin = api().asAdmin();
        String notice = TextResemblanceTest.real("D08_");
        String draft = importText(admin, notice, true).get("materialId").asString();
        assertThat(similarity(importText(admin, notice, true), draft)).isEqualTo(-1);

        String plan = TextResemblanceTest.real("D02_");
        String withdrawn = importText(admin, plan, false).get("materialId").asString();
        assertThat(admin.post("/api/v1/admin/materials/" + withdrawn + "/withdraw", Map.of()).status()).isEqualTo(200);
        assertThat(similarity(importText(admin, plan, false), withdrawn)).isEqualTo(-1);

        // published, the draft counts
        assertThat(admin.post("/api/v1/admin/materials/" + draft + "/publish", Map.of()).status()).isEqualTo(200);
        assertThat(similarity(importText(admin, notice, false), draft)).isEqualTo(1.0);
    }

    @Test
    @DisplayName("a material without fingerprints (imported before the index) is fingerprinted by the backfill")
    void backfill() throws IOException {
        Api admin = api().asAdmin();
        String text = TextResemblanceTest.real("E03_");
        String old = importText(admin, text, false).get("materialId").asString();
        jdbc.sql("DELETE FROM material_fingerprints WHERE material_id = ?").param(old).update();
        jdbc.sql("DELETE FROM material_fingerprinted WHERE material_id = ?").param(old).update();
        assertThat(similarity(importText(admin, text, true), old)).as("not indexed yet").isEqualTo(-1);

        assertThat(nearDuplicates.backfill()).isPositive();
        assertThat(similarity(importText(admin, text, true), old)).isEqualTo(1.0);
        assertThat(nearDuplicates.backfill()).as("nothing left to do").isZero();
    }
}
