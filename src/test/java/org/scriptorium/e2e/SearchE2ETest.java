package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;

/** Searching in a real phone-sized browser: suggestions while typing, highlighted snippets, the passages tab. */
class SearchE2ETest extends BrowserTest {

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
}
