package org.scriptorium.library;

import java.util.regex.Pattern;

/** Counts enumerated points: {@code 一是} … {@code 十是} and {@code 第一，} … {@code 第十，}. */
final class Points {

    /**
     * A point starts a paragraph or follows punctuation, so that words such as 统一是 or 全省排名第一，
     * are not counted.
     */
    private static final Pattern POINT = Pattern.compile(
            "(?:^|(?<=[，。；：！？、,.;:!?（(“\"\\s]))"
                    + "(?:(?:十|[一二三四五六七八九])是|第(?:十[一二三四五六七八九]?|[一二三四五六七八九])[，,、：:])");

    private static final PatternScan SCAN = new PatternScan(POINT, "十一二三四五六七八九第");

    private Points() {
    }

    static int count(String text) {
        return SCAN.count(text);
    }
}
