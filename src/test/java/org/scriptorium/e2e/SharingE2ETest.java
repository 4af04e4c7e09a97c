package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scriptorium.support.Api;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;

/** In a real, phone-sized headless Chromium: a member with a page open sees a new publication arrive in the bell. */
class SharingE2ETest extends BrowserTest {

    /** How the page streams once live: "open" is the stream port, "open-main" this port's stream (the fallback). */
    String expectedStream() {
        return "open";
    }

    @Test
    @DisplayName("a member with the library open sees a new publication appear in the bell within seconds, without reloading")
    void publicationAppearsInBell() {
        String email = "bell" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        api().newMember(email);
        signIn(browser, email, Api.MEMBER_PASSWORD);
        WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(15));
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("bell")));
        browser.get(url("/materials"));
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("bell")));
        assertThat(browser.findElements(By.id("bell-count"))).as("nothing unread yet").isEmpty();
        // Mark the page: were it reloaded, the mark would be gone.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.__notReloaded = true;");
        // Give EventSource a moment to connect before publishing.
        waiting.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("html[data-events=" + expectedStream() + "]")));

        String title = "在" + Words.unique() + "工作推进会上的讲话";
        Api.Response published = api().asAdmin().multipart("POST", "/api/v1/admin/materials",
                Map.of("text", Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique()), "title", title),
                null, null);
        assertThat(published.status()).isEqualTo(201);

        WebDriverWait seconds = new WebDriverWait(browser, Duration.ofSeconds(8));
        seconds.until(ExpectedConditions.presenceOfElementLocated(By.id("bell-count")));
        assertThat(browser.findElement(By.id("bell-count")).getText()).isEqualTo("1");
        browser.findElement(By.cssSelector("#bell summary")).click();
        seconds.until(ExpectedConditions.visibilityOfElementLocated(By.id("bell-list")));
        assertThat(browser.findElement(By.id("bell-list")).getText()).contains("新资料：《" + title + "》");
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.__notReloaded === true;"))
                .as("the page was not reloaded").isEqualTo(true);

        browser.findElement(By.id("bell-read")).click();
        waiting.until(ExpectedConditions.urlContains("/me/notifications"));
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("notification-list")));
        assertThat(browser.findElements(By.id("bell-count"))).as("all read").isEmpty();
        assertThat(browser.findElement(By.id("notification-list")).getText()).contains(title);
    }
}
