package org.scriptorium.search.lucene;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.scriptorium.membership.Tier;
import org.scriptorium.search.IndexedMaterial;
import org.scriptorium.search.MaterialQuery;

/**
 * Rebuild and query times; run with -Dscriptorium.bench=N (materials of about 3,000 characters), and
 * -Dscriptorium.bench.bigramsOnly=true to skip the slow variant that also cuts bodies into words.
 */
@EnabledIfSystemProperty(named = "scriptorium.bench", matches = "\\d+")
@DisplayName("Lucene adapter timings")
class LuceneSearchBenchmark {

    private static final String[] PHRASES = {"坚持以人民为中心的发展思想", "全面从严治党", "脱贫攻坚取得决定性胜利", "推动高质量发展",
            "全面推行河长制", "乡村振兴战略", "深化改革开放", "提高政治站位", "狠抓工作落实", "守土有责、守土负责、守土尽责",
            "营造良好营商环境", "加强基层党组织建设", "生态环境保护", "安全生产责任制", "各级领导干部", "要充分认识", "切实增强",
            "进一步", "统筹发展和安全", "数字经济", "同志们", "2024年", "XX县", "一是", "二是", "三是", "以钉钉子精神",
            "久久为功", "持之以恒", "坚决打赢", "教育工作", "意识形态工作责任制", "民生保障", "就业优先"};
    private static final String[] KINDS = {"讲话稿", "工作报告", "总结", "方案", "心得体会", "主持词", "调研报告"};
    private static final String[] TOPICS = {"党建", "乡村振兴", "生态环保", "安全生产", "教育", "营商环境", "民生", "作风建设"};

    @TempDir
    Path dir;

    static IndexedMaterial generated(int i) {
        Random r = new Random(i);
        List<String> paragraphs = new ArrayList<>();
        int chars = 0;
        while (chars < 3_000) {
            StringBuilder p = new StringBuilder();
            int sentences = 3 + r.nextInt(5);
            for (int s = 0; s < sentences; s++) {
                for (int k = 0; k < 2 + r.nextInt(3); k++) {
                    p.append(PHRASES[r.nextInt(PHRASES.length)]);
                }
                p.append(s + 1 < sentences ? "，" : "。");
            }
            chars += p.length();
            paragraphs.add(p.toString());
        }
        return new IndexedMaterial("m" + i, "在" + PHRASES[r.nextInt(PHRASES.length)] + "会议上的讲话", KINDS[r.nextInt(KINDS.length)],
                List.of(TOPICS[r.nextInt(TOPICS.length)], TOPICS[r.nextInt(TOPICS.length)]), Tier.values()[r.nextInt(2)],
                Instant.parse("2018-01-01T00:00:00Z").plusSeconds(r.nextInt(7 * 365 * 86_400)),
                List.of(PHRASES[r.nextInt(PHRASES.length)], PHRASES[r.nextInt(PHRASES.length)]), paragraphs);
    }

    @Test
    void rebuildAndQuery() throws Exception {
        int n = Integer.getInteger("scriptorium.bench");
        boolean[] variants = Boolean.getBoolean("scriptorium.bench.bigramsOnly") ? new boolean[] {false} : new boolean[] {false, true};
        for (boolean bodyWords : variants) {
            Path at = dir.resolve("words-" + bodyWords);
            try (LuceneSearch search = new LuceneSearch(at, ZoneId.of("Asia/Shanghai"), bodyWords)) {
                Iterator<IndexedMaterial> source = IntStream.range(0, n).mapToObj(LuceneSearchBenchmark::generated).iterator();
                long start = System.nanoTime();
                search.rebuild(source, x -> { });
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("bodyWords=%s: %d materials (%d passages) in %.1f s = %.0f materials/s; 300k ~ %.1f min%n",
                        bodyWords, n, search.passageCount(), seconds, n / seconds, 300_000 / (n / seconds) / 60);
                long bytes;
                try (var files = java.nio.file.Files.walk(at)) {
                    bytes = files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                }
                System.out.printf("  index size %.1f MB = %.1f KB per material%n", bytes / 1e6, bytes / 1e3 / n);
                Instant now = Instant.parse("2026-01-01T00:00:00Z");
                for (String q : new String[] {"脱贫", "河长", "河", "乡村振兴 安全生产", "\"守土有责\"", "2024年"}) {
                    MaterialQuery query = new MaterialQuery(q, null, null, null, null, 0, 20);
                    search.search(query, now, false);
                    long t = System.nanoTime();
                    int runs = 20;
                    long total = 0;
                    for (int k = 0; k < runs; k++) {
                        total = search.search(query, now, false).total();
                    }
                    double ms = (System.nanoTime() - t) / 1e6 / runs;
                    t = System.nanoTime();
                    for (int k = 0; k < runs; k++) {
                        search.passages(query, now, false);
                    }
                    double pms = (System.nanoTime() - t) / 1e6 / runs;
                    t = System.nanoTime();
                    for (int k = 0; k < runs; k++) {
                        search.suggestTitles(q, 10, now);
                    }
                    double sms = (System.nanoTime() - t) / 1e6 / runs;
                    System.out.printf("  %-12s total=%d search+facets %.1f ms, passages %.1f ms, suggest %.1f ms%n", q, total, ms, pms, sms);
                }
            }
        }
    }
}
