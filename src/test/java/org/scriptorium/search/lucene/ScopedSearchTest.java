package org.scriptorium.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scriptorium.membership.FullTextScope;
import org.scriptorium.membership.Tier;
import org.scriptorium.search.IndexedMaterial;
import org.scriptorium.search.MaterialQuery;
import org.scriptorium.search.PassageResult;
import org.scriptorium.search.SearchResult;

@DisplayName("The Lucene adapter searches text only within the reader's scope")
class ScopedSearchTest {

    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    static final Instant LIMIT = NOW.minus(Duration.ofDays(365)).plusNanos(500_000); // not on a millisecond

    @TempDir
    Path dir;
    LuceneSearch search;

    @BeforeEach
    void open() {
        search = new LuceneSearch(dir, ZoneId.of("Asia/Shanghai"));
        search.upsert(material("old", Tier.MEMBER, LIMIT.minusMillis(1)));
        search.upsert(material("edge", Tier.MEMBER, LIMIT.minusNanos(100_000))); // same millisecond, just before
        search.upsert(material("new", Tier.MEMBER, LIMIT.plusMillis(1)));
        search.upsert(material("free", Tier.FREE, LIMIT.minus(Duration.ofDays(999))));
    }

    @AfterEach
    void close() throws IOException {
        search.close();
    }

    private static IndexedMaterial material(String id, Tier tier, Instant published) {
        String place = switch (id) {
            case "old" -> "甲区";
            case "edge" -> "乙区";
            case "new" -> "丙区";
            default -> "丁区";
        };
        return new IndexedMaterial(id, "关于" + place + "工作的讲话", "讲话稿", List.of("河长制"), tier, published,
                List.of("压实工作责任"), List.of("压实工作责任", "要把沟渠清淤和秸秆禁烧抓紧抓实。"));
    }

    private List<String> found(String q, FullTextScope scope) {
        SearchResult r = search.search(new MaterialQuery(q, null, null, null, null, 0, 20), NOW, false, scope);
        assertThat(r.total()).isEqualTo(r.hits().size());
        return r.hits().stream().map(SearchResult.MaterialHit::materialId).sorted().toList();
    }

    private List<String> passages(String q, FullTextScope scope) {
        PassageResult r = search.passages(new MaterialQuery(q, null, null, null, null, 0, 20), NOW, false, scope);
        return r.hits().stream().map(PassageResult.PassageHit::materialId).sorted().toList();
    }

    @Test
    @DisplayName("text is searched in FREE materials and MEMBER ones from the limit on, to the millisecond, never before")
    void scope() {
        FullTextScope member = new FullTextScope(false, true, LIMIT);
        assertThat(found("\"秸秆禁烧\"", member)).containsExactly("free", "new");
        assertThat(passages("秸秆禁烧", member)).containsExactly("free", "new");
        assertThat(found("秸秆禁烧", new FullTextScope(false, true, null))).containsExactly("free");
        assertThat(found("秸秆禁烧", FullTextScope.NOTHING)).isEmpty();
        assertThat(passages("秸秆禁烧", FullTextScope.NOTHING)).isEmpty();
        assertThat(found("秸秆禁烧", FullTextScope.EVERYTHING)).containsExactly("edge", "free", "new", "old");
    }

    @Test
    @DisplayName("title, outline and topics are searched for everyone, and a term in the text does not count there")
    void visible() {
        assertThat(found("压实工作责任", FullTextScope.NOTHING)).containsExactly("edge", "free", "new", "old");
        assertThat(found("河长", FullTextScope.NOTHING)).hasSize(4);
        assertThat(found("甲区", FullTextScope.NOTHING)).containsExactly("old");
        // one term in the title, the other only in text the reader may not read: not found together; the fallback to
        // either term finds the title alone, as it would if the text did not hold the other term at all
        SearchResult apart = search.search(new MaterialQuery("甲区 秸秆", null, null, null, null, 0, 20), NOW, false,
                FullTextScope.NOTHING);
        assertThat(apart.match()).isEqualTo(org.scriptorium.search.Match.ANY);
        assertThat(apart.hits()).extracting(SearchResult.MaterialHit::materialId).containsExactly("old");
        assertThat(search.search(new MaterialQuery("甲区 秸秆", null, null, null, null, 0, 20), NOW, false,
                FullTextScope.EVERYTHING).match()).isEqualTo(org.scriptorium.search.Match.ALL);
        assertThat(found("甲区 秸秆", FullTextScope.EVERYTHING)).containsExactly("old");
    }
}
