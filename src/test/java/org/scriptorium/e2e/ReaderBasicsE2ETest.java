package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scriptorium.support.Api;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Speeches;

/**
 * Issue 16, reader basics, in a real Chromium: 收藏 and history on /me, the font switch, the width of the text column
 * on a desktop window, the bell's panel and the header on a 360 px phone, and a console without errors.
 */
class ReaderBasicsE2ETest extends BrowserTest {

    /** A real 政府工作报告: long paragraphs with figures (数字 are narrower than 汉字, so more fit on a line). */
    private static final Path REPORT = Path.of("src/test/resources/corpus/real/A01_2025年中华人民共和国国务院政府工作报告.txt");

    @Override
    boolean keepsConsole() {
        return true;
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    /**
     * The most characters on one rendered line of the text's paragraphs: each visible character's box, a new line
     * wherever a box starts below the previous line. Invisible marks (format characters) are not counted.
     */
    private long maxCharactersPerLine() {
        return ((Number) js().executeScript("""
                var most = 0;
                document.querySelectorAll('#doc-body p').forEach(function (p) {
                  var walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT), node, top = null, count = 0;
                  while ((node = walker.nextNode())) {
                    for (var i = 0; i < node.data.length; i++) {
                      if (/\\p{Cf}|\\s/u.test(node.data[i])) { continue; }
                      var range = document.createRange();
                      range.setStart(node, i); range.setEnd(node, i + 1);
                      var box = range.getBoundingClientRect();
                      if (top === null || box.top > top + box.height / 2) { top = box.top; count = 0; }
                      count++;
                      most = Math.max(most, count);
                    }
                  }
                });
                return most;""")).longValue();
    }

    private double fontSize(String selector) {
        return ((Number) js().executeScript("return parseFloat(getComputedStyle(document.querySelector(arguments[0])).fontSize);",
                selector)).doubleValue();
    }

    @Test
    @DisplayName("favourite and history on /me, 复制全文 with the marks, font switch remembered, ≤ 40 characters a line on a desktop, the bell inside 360 px, no console error")
    void readerBasics() throws IOException {
        Api admin = api().asAdmin();
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "三年会员", "durationDays", 1095, "backCatalogDays", 1095))
                .json().get("id").asString();
        String code = admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", 1)).json().get("codes").get(0).asString();
        String meeting = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", Speeches.RURAL_MEETING), null, null)
                .json().get("materialId").asString();
        String report = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", Files.readString(REPORT)), null, null)
                .json().get("materialId").asString();
        String email = "reader-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        Api member = api().newMember(email);
        assertThat(member.post("/api/v1/me/redeem", Map.of("code", code)).status()).isEqualTo(200);
        signIn(browser, email, Api.MEMBER_PASSWORD);

        // 收藏 on the reading page (htmx answers the button in place), then seen on /me.
        browser.get(url("/materials/" + meeting));
        browser.findElement(By.id("favourite-button")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("favourite-button"), "★ 已收藏"));
        // 复制全文 copies the text as shown, invisible marks and the copy's notice included.
        js().executeScript("Object.defineProperty(navigator, 'clipboard', {value: {writeText: function (text) {"
                + "window.copied = text; return Promise.resolve(); }}});");
        browser.findElement(By.id("copy-all")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("copy-all"), "已复制"));
        String copied = (String) js().executeScript("return window.copied;");
        String notice = browser.findElement(By.id("copy-notice")).getText();
        assertThat(Marked.visible(copied)).startsWith("在全县春季农业生产工作会议上的讲话\n同志们：")
                .contains("夺取全年农业丰收").endsWith(notice);
        assertThat(copied.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT))
                .as("the copy's invisible marks are copied").isTrue();

        browser.get(url("/me"));
        assertThat(browser.findElement(By.id("shelf-favourites")).getText()).contains("在全县春季农业生产工作会议上的讲话");

        // Two materials opened: both in the history, the last opened first.
        browser.get(url("/materials/" + report));
        browser.get(url("/me/history"));
        List<String> history = browser.findElements(By.cssSelector("#history .title")).stream().map(WebElement::getText).toList();
        assertThat(history).containsExactly("2025年中华人民共和国国务院政府工作报告", "在全县春季农业生产工作会议上的讲话");

        // The font switch changes the text's size and is remembered on this device.
        browser.get(url("/materials/" + report));
        double standard = fontSize("#doc-body");
        browser.findElement(By.cssSelector("[data-font='large']")).click();
        assertThat(fontSize("#doc-body")).isGreaterThan(standard);
        browser.navigate().refresh();
        waiting().until(d -> fontSize("#doc-body") > standard);
        assertThat(browser.findElement(By.cssSelector("[data-font='large']")).getAttribute("aria-pressed")).isEqualTo("true");
        browser.findElement(By.cssSelector("[data-font='medium']")).click();
        assertThat(fontSize("#doc-body")).isEqualTo(standard);

        // On a phone the outline is behind a floating 目录 button that closes once a heading is chosen.
        WebElement toc = browser.findElement(By.id("toc-float"));
        assertThat(toc.isDisplayed()).isTrue();
        toc.findElement(By.tagName("summary")).click();
        WebElement heading = toc.findElement(By.cssSelector(".toc-panel a"));
        waiting().until(ExpectedConditions.visibilityOf(heading));
        heading.click();
        waiting().until(d -> d.findElement(By.id("toc-float")).getAttribute("open") == null);
        // The downloads are above the text as well as below it.
        assertThat(browser.findElements(By.cssSelector("a[data-download][href*='format=docx']")).size()).isGreaterThanOrEqualTo(2);

        // A desktop window: at most 40 characters a line at the standard size, the outline beside the text.
        browser.manage().window().setSize(new Dimension(1366, 900));
        waiting().until(d -> browser.findElement(By.cssSelector(".toc-aside")).isDisplayed());
        long perLine = maxCharactersPerLine();
        assertThat(perLine).as("characters on the longest line").isBetween(25L, 40L);
        assertThat(browser.findElement(By.id("toc-float")).isDisplayed()).isFalse();

        // A new publication gives the bell a count; on a 360 px phone the header stays one row and the panel inside.
        admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", Speeches.longSpeech("铃声")), null, null);
        browser.manage().window().setSize(new Dimension(360, 800));
        browser.get(url("/materials/" + meeting));
        assertThat(browser.findElement(By.id("bell-count")).getText()).isNotBlank();
        assertThat(((Number) js().executeScript("return window.innerWidth;")).intValue()).isLessThanOrEqualTo(360);
        @SuppressWarnings("unchecked")
        List<Number> tops = (List<Number>) js().executeScript("""
                return Array.from(document.querySelectorAll('.site-header .brand, .site-header nav > *'))
                  .filter(function (e) { return e.offsetParent !== null; })
                  .map(function (e) { return Math.round(e.getBoundingClientRect().top); });""");
        assertThat(tops.stream().mapToInt(Number::intValue).max().orElseThrow()
                - tops.stream().mapToInt(Number::intValue).min().orElseThrow()).as("header items on one row").isLessThan(20);
        browser.findElement(By.cssSelector("#bell summary")).click();
        WebElement panel = browser.findElement(By.cssSelector("#bell .bell-panel"));
        waiting().until(ExpectedConditions.visibilityOf(panel));
        @SuppressWarnings("unchecked")
        Map<String, Number> box = (Map<String, Number>) js().executeScript(
                "var r = arguments[0].getBoundingClientRect(); return {left: r.left, right: r.right, width: innerWidth};", panel);
        assertThat(box.get("left").doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(box.get("right").doubleValue()).isLessThanOrEqualTo(box.get("width").doubleValue());
        // Short buttons keep their label on one line (复制全文, not 复/制).
        WebElement copy = browser.findElement(By.id("copy-all"));
        assertThat(copy.getCssValue("white-space")).isEqualTo("nowrap");
        assertThat(copy.getSize().getHeight()).isLessThan(2 * (int) Math.ceil(fontSize("#copy-all") * 1.7));

        // The favicon is served and no page logged an error (its 404 used to be the one).
        Object favicon = js().executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(document.querySelector('link[rel=icon]').href).then(r => done(r.status));");
        assertThat(((Number) favicon).intValue()).isEqualTo(200);
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("console errors").isEmpty();

        // A shared link's card: public facts only; in WeChat's own browser the downloads say how to get out of it.
        String description = browser.findElement(By.cssSelector("meta[name='description']")).getAttribute("content");
        assertThat(description).contains("讲话稿", "提纲：一、提高思想认识").doesNotContain("今天召开这次会议");
        assertThat(browser.findElement(By.cssSelector("meta[property='og:type']")).getAttribute("content")).isEqualTo("article");
        assertThat(browser.findElement(By.cssSelector("meta[property='og:description']")).getAttribute("content"))
                .isEqualTo(description);
        assertThat(browser.findElements(By.cssSelector(".wechat-hint"))).isEmpty();
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent",
                "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36 MicroMessenger/8.0.47.2560 WeChat/arm64"));
        browser.navigate().refresh();
        assertThat(browser.findElement(By.cssSelector(".wechat-hint")).getText()).contains("在浏览器打开");
    }
}
