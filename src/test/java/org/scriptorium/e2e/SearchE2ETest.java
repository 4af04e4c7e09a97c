package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;

/**
 * Searching in a real phone-sized browser: suggestions while typing, highlighted snippets, the passages tab, unspaced
 * queries from the home page and the help shown when nothing is found.
 */
class SearchE2ETest extends BrowserTest {

    private static final String FLOOD_SPEECH = "在全县防汛工作会议上的讲话";

    @Test
    @DisplayName("a reader gets title suggestions as they type, highlighted hits, and no passages of member text")
    void searchInTheBrowser() {
        String word = Words.unique();
        String title = "在全县春耕备耕暨" + word + "推进会上的讲话";
        api().asAdmin().multipart("POST", "/api/v1/admin/materials", Map.of("title", title,
                "text", Speeches.RURAL_MEETING.replace("沟渠清淤", "沟渠清淤和" + word + "整治")), null, null);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        browser.get("http://127.0.0.1:" + port + "/materials");

        browser.findElement(By.name("q")).sendKeys(word.substring(0, 5));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("suggestions"), title));

        browser.findElement(By.name("q")).sendKeys(Keys.chord(Keys.CONTROL, "a"), word, Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".material-item .snippet em")));
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector(".material-item .snippet em")).getText()).isEqualTo(word);

        // a visitor may read no member text, so no paragraph of it is found, not even without its text
        browser.findElement(By.id("passages-tab")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("passages-scope")));
        assertThat(browser.findElements(By.cssSelector(".passage"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("button[data-copy]"))).isEmpty();
    }

    @Test
    @DisplayName("with the demo library loaded, 防汛讲话 typed on the home page finds the 防汛 speech first, "
            + "and a query that matches nothing shows the help")
    void unspacedQueryFromTheHomePage() {
        loadDemoLibrary();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        browser.get(url("/"));
        browser.findElement(By.cssSelector("form.search input[name=q]")).sendKeys("防汛讲话", Keys.ENTER);
        wait.until(ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector(".material-item .title")),
                ExpectedConditions.presenceOfElementLocated(By.id("empty-help"))));
        assertThat(browser.findElements(By.id("empty-help"))).as("no help: something is found").isEmpty();
        List<String> titles = browser.findElements(By.cssSelector(".material-item .title")).stream()
                .map(WebElement::getText).toList();
        // Other tests of this JVM may have imported a 防汛 speech of their own into the shared library: the first hit
        // must be a 防汛 speech, and the demo's must be among the first three.
        assertThat(titles).isNotEmpty();
        assertThat(titles.getFirst()).contains("防汛").endsWith("讲话");
        assertThat(titles.subList(0, Math.min(3, titles.size()))).contains(FLOOD_SPEECH);

        browser.findElement(By.cssSelector("#search-form input[name=q]"))
                .sendKeys(Keys.chord(Keys.CONTROL, "a"), "㵘䶮qzx", Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("empty-help")));
        assertThat(browser.findElement(By.id("empty-help")).getText()).contains("没有找到符合条件的资料");
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("0");
        assertThat(browser.findElements(By.cssSelector(".material-item"))).isEmpty();
    }

    /** Imports the demo materials as an editor would, with the kind, topics and tier of their catalogue. */
    private void loadDemoLibrary() {
        for (String row : resource("demo/materials.tsv").lines().skip(1).filter(l -> !l.isBlank()).toList()) {
            String[] f = row.split("\t");
            assertThat(api().asAdmin().multipart("POST", "/api/v1/admin/materials",
                    Map.of("text", resource("demo/" + f[0]), "kind", f[1], "topics", f[2], "tier", f[3]), null, null)
                    .status()).as(f[0]).isEqualTo(201);
        }
    }

    private static String resource(String path) {
        try (InputStream in = SearchE2ETest.class.getResourceAsStream("/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
