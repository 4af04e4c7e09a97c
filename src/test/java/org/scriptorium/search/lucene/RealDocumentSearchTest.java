package org.scriptorium.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scriptorium.library.Heading;
import org.scriptorium.library.ImportContext;
import org.scriptorium.library.NoticeRuleBook;
import org.scriptorium.library.ParsedMaterial;
import org.scriptorium.library.StructureParser;
import org.scriptorium.membership.Tier;
import org.scriptorium.search.IndexedMaterial;
import org.scriptorium.search.Match;
import org.scriptorium.search.MaterialQuery;
import org.scriptorium.search.SearchResult;
import org.scriptorium.search.SortOrder;

/**
 * The queries issue 14 found answered with nothing, as readers type them, on the real documents and the demo library
 * read by the import pipeline: the document meant comes first. (The judged set, {@code RelevanceTest}, measures many
 * more through the whole application.)
 */
@DisplayName("Unspaced queries find the document meant among real documents")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealDocumentSearchTest {

    private static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");
    private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");

    @TempDir
    static Path dir;
    LuceneSearch search;

    @BeforeAll
    void index() throws IOException {
        search = new LuceneSearch(dir, ZoneId.of("Asia/Shanghai"));
        StructureParser parser = new StructureParser();
        Map<String, String> demoKinds = new HashMap<>();
        for (String row : Files.readAllLines(Path.of("src/main/resources/demo/materials.tsv")).subList(1, 7)) {
            String[] f = row.split("\t");
            demoKinds.put(f[0], f[1]);
        }
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("src/test/resources/corpus/real", "src/main/resources/demo")) {
            try (Stream<Path> listed = Files.list(Path.of(folder))) {
                listed.filter(f -> f.toString().endsWith(".txt")).sorted().forEach(files::add);
            }
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            ParsedMaterial parsed = parser.read(Files.readString(file), new ImportContext(name, List.of()),
                    NoticeRuleBook.builtIn()).parsed();
            Matcher year = YEAR.matcher(name);
            Instant published = LocalDate.of(year.find() ? Integer.parseInt(year.group()) : 2024, 3, 15)
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
            // the kind an editor gives: the demo's own, the real documents' from their title's ending
            String kind = demoKinds.getOrDefault(name, kindOf(parsed.title()));
            search.upsert(new IndexedMaterial(name.substring(0, name.indexOf(name.contains("_") ? '_' : '-')),
                    parsed.title(), kind, List.of(), Tier.MEMBER, published,
                    parsed.outline().stream().map(Heading::heading).toList(), parsed.paragraphs()));
        }
    }

    private static String kindOf(String title) {
        return title.endsWith("通知") && !title.contains("印发") ? "通知" : title.endsWith("意见") ? "意见"
                : title.contains("方案") ? "方案" : title.contains("报告") ? "工作报告" : "其他";
    }

    @AfterAll
    void close() throws IOException {
        search.close();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            安全生产工作报告       | 02
            党建总结               | 03
            营商环境方案           | 04
            主题教育心得体会       | 05
            表彰大会主持词         | 06
            乡村振兴推进会讲话     | 01
            2025年政府工作报告     | A01
            2010年政府工作报告     | A05
            职业教育改革方案       | D01
            双随机一公开监管意见   | D05
            无废城市试点方案       | D02
            2019年节假日安排通知   | D06
            幼儿园治理工作通知     | D08
            北京市政府工作报告     | B01
            黑龙江2026工作报告     | B08
            低空飞行服务实施方案   | E01
            """)
    @DisplayName("the document meant is first, found with every word")
    void first(String query, String expected) {
        SearchResult result = search.search(new MaterialQuery(query, null, null, null, null, SortOrder.RELEVANCE, 0, 3),
                NOW, false);
        assertThat(result.match()).isEqualTo(Match.ALL);
        assertThat(result.hits()).extracting(SearchResult.MaterialHit::materialId).first().isEqualTo(expected);
    }
}
