package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.scriptorium.tracing.FragileMark;
import org.scriptorium.tracing.Prf;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The invisible layer does not move a single character on the reading page: real 公文 paragraphs, set with the page's
 * own stylesheet in headless Chromium, with and without the member's payloads, put every visible character on the
 * same line at the same x at every width tried. No application is started: the page's CSS and markup are enough.
 */
class InvisibleLayerE2ETest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Prf PRF = new Prf("a test key of enough length".getBytes(StandardCharsets.UTF_8));
    private static final int[] WIDTHS = {240, 333, 412, 517, 640, 768};
    private static final String DIGITS = "\u200B\u200C\u200D\u2060";

    /** Each visible character's line (top) and x, relative to its container; zero-width digits skipped. */
    private static final String MEASURE = """
            const out = [];
            for (const id of ['plain', 'marked']) {
              const root = document.getElementById(id);
              const base = root.getBoundingClientRect();
              const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
              const range = document.createRange();
              const chars = [];
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const t = n.data;
                for (let i = 0; i < t.length; i++) {
                  if ('\\u200B\\u200C\\u200D\\u2060'.includes(t[i])) continue;
                  const end = (t.charCodeAt(i) >= 0xD800 && t.charCodeAt(i) <= 0xDBFF) ? i + 2 : i + 1;
                  range.setStart(n, i); range.setEnd(n, end);
                  const r = range.getClientRects()[0];
                  chars.push(r ? [t.substring(i, end), r.top - base.top, r.left - base.left] : [t.substring(i, end), -1, -1]);
                  i = end - 1;
                }
              }
              out.push(chars);
            }
            return JSON.stringify(out);
            """;

    private static WebDriver browser;

    @BeforeAll
    static void open() {
        browser = Browsers.headlessChromium();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @DisplayName("with the member's payloads, every character of real paragraphs keeps its line and x, ragged or justified")
    void payloadsMoveNothing() throws IOException {
        List<String> paragraphs = paragraphs();
        // Denser than the product's spacing of 80, so that many more places are tried.
        UnaryOperator<String> product = p -> FragileMark.embed(p, PRF, 123_456, 7, 12);
        assertThat(paragraphs.stream().map(product).mapToLong(p -> p.chars().filter(c -> DIGITS.indexOf(c) >= 0).count())
                .sum()).as("payload characters on the page").isGreaterThan(10_000);
        // The page's own style (ragged right), and justified as a reader's style or a later design might set it:
        // Chromium gives zero-width characters no justification gap.
        load(paragraphs, product, "");
        for (int width : WIDTHS) {
            assertThat(differences(width)).as("characters moved at %d px", width).isEmpty();
        }
        load(paragraphs, product, ".doc-body p { text-align: justify; }");
        for (int width : new int[] {WIDTHS[0], WIDTHS[2], WIDTHS[5]}) {
            assertThat(differences(width)).as("characters moved at %d px, justified", width).isEmpty();
        }
    }

    @Test
    @DisplayName("the check can fail: payloads placed every few characters whatever the neighbours (the old way) move characters")
    void misplacedPayloadsMoveCharacters() throws IOException {
        String payload = FragileMark.embed("一二", PRF, 123_456, 7, 80).substring(1, 1 + FragileMark.LENGTH);
        UnaryOperator<String> anywhere = p -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < p.length(); i++) {
                out.append(i > 0 && i % 12 == 0 ? payload : "").append(p.charAt(i));
            }
            return out.toString();
        };
        load(paragraphs(), anywhere, "");
        assertThat(differences(WIDTHS[0])).isNotEmpty();
    }

    /** The same paragraphs twice, plain and marked, each in the reading page's markup and stylesheet. */
    private static void load(List<String> paragraphs, UnaryOperator<String> mark, String extraCss) throws IOException {
        String css;
        try (InputStream in = InvisibleLayerE2ETest.class.getResourceAsStream("/static/css/app.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><style>")
                .append(css).append(extraCss).append("</style></head><body><main class=\"reading\">");
        for (String id : List.of("plain", "marked")) {
            html.append("<article><div class=\"doc-body\" id=\"").append(id).append("\">");
            for (String p : paragraphs) {
                html.append("<p>").append(HtmlUtils.htmlEscape(id.equals("plain") ? p : mark.apply(p))).append("</p>");
            }
            html.append("</div></article>");
        }
        html.append("</main></body></html>");
        browser.get("data:text/html;charset=utf-8;base64,"
                + Base64.getEncoder().encodeToString(html.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The characters whose line or x differ by more than half a pixel between the plain and the marked text. */
    private static List<String> differences(int width) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("for (const a of document.querySelectorAll('article')) a.style.width = arguments[0] + 'px';",
                width);
        JsonNode both = JSON.readTree((String) js.executeScript(MEASURE));
        JsonNode plain = both.get(0);
        JsonNode marked = both.get(1);
        assertThat(marked.size()).isEqualTo(plain.size());
        List<String> moved = new ArrayList<>();
        for (int i = 0; i < plain.size(); i++) {
            JsonNode a = plain.get(i);
            JsonNode b = marked.get(i);
            assertThat(a.get(1).asDouble()).as("character %d is laid out", i).isNotNegative();
            if (Math.abs(a.get(1).asDouble() - b.get(1).asDouble()) > 0.5
                    || Math.abs(a.get(2).asDouble() - b.get(2).asDouble()) > 0.5) {
                moved.add(i + " " + a.get(0).asString() + " " + a + " → " + b);
            }
        }
        return moved.size() > 20 ? moved.subList(0, 20) : moved;
    }

    /** Paragraphs of a real government work report: ideographs, punctuation, figures, Latin and quotation marks. */
    private static List<String> paragraphs() throws IOException {
        try (InputStream in = InvisibleLayerE2ETest.class.getResourceAsStream("/corpus/real/B01_2026年北京市政府工作报告.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(line -> line.length() >= 60).limit(24).toList();
        }
    }
}
