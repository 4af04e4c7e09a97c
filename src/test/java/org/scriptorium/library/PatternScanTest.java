package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.corpus.SpeechCorpus;

class PatternScanTest {

    private static List<String> viaFind(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.start() + ":" + m.group());
        }
        return found;
    }

    private static List<String> viaScan(PatternScan scan, String text) {
        List<String> found = new ArrayList<>();
        scan.forEach(text, (start, end) -> found.add(start + ":" + text.substring(start, end)));
        return found;
    }

    @Test
    @DisplayName("finds exactly what find() finds, lookbehinds and the start anchor included")
    void sameAsFind() {
        Pattern points = Pattern.compile("(?:^|(?<=[，。；]))(?:[一二三]是|第[一二三][，、])");
        PatternScan scan = new PatternScan(points, "一二三第");
        for (String text : List.of("一是抓落实；二是强保障", "统一是原则，第一，要", "第二、不统一是", "", "一是", "全省第一，", "；三是")) {
            assertThat(viaScan(scan, text)).as(text).isEqualTo(viaFind(points, text));
        }
        assertThat(scan.find("统一是")).isFalse();
        assertThat(scan.find("统一，一是")).isTrue();
        assertThat(scan.count("一是；二是；三是")).isEqualTo(3);
    }

    @Test
    @DisplayName("placeholders and points over a thousand generated documents match a plain find()")
    void sameOnCorpus() {
        SpeechCorpus corpus = new SpeechCorpus(7);
        PatternScan placeholders = new PatternScan(Placeholders.TOKEN, "×╳✕XxＸ某_＿○");
        for (int i = 0; i < 1_000; i++) {
            String text = corpus.document(i).text();
            assertThat(viaScan(placeholders, text)).isEqualTo(viaFind(Placeholders.TOKEN, text));
        }
    }
}
