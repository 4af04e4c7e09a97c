package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scriptorium.support.Api;

/** The groups in real, phone-sized headless Chromium: live messages between two browsers, a term ending, a mute. */
class GroupsE2ETest extends BrowserTest {

    private Api admin;
    private String planId;
    private String group;

    @BeforeEach
    void membersGroup() {
        admin = api().asAdmin();
        planId = admin.post("/api/v1/admin/plans", Map.of("name", "月卡", "durationDays", 1)).json().get("id").asString();
        group = admin.post("/api/v1/admin/groups", Map.of("name", "会员交流群" + UUID.randomUUID().toString().substring(0, 4),
                "kind", "MEMBERS")).json().get("id").asString();
    }

    /** A member (e-mail returned) whose one-day term started {@code ago} ago. */
    private String member(Duration ago) {
        String email = "g" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        Api member = api().newMember(email);
        admin.post("/api/v1/admin/users/" + member.userId() + "/grant", Map.of("planId", planId,
                "startsAt", Instant.now().minus(ago).atOffset(ZoneOffset.UTC).toString()));
        return email;
    }

    /** Opens the group page and waits until its history is drawn and its live stream is open. */
    private void openGroup(WebDriver in) {
        in.get(url("/groups/" + group));
        WebDriverWait waiting = new WebDriverWait(in, Duration.ofSeconds(15));
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages[data-loaded=true]")));
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("html[data-events^=open]")));
    }

    private static void send(WebDriver in, String text) {
        in.findElement(By.id("composer-text")).sendKeys(text);
        in.findElement(By.id("composer-send")).click();
    }

    @Test
    @DisplayName("a member posts in the members' group and another member sees it appear without reloading")
    void liveBetweenTwoBrowsers() {
        String alice = member(Duration.ZERO);
        String bob = member(Duration.ZERO);
        WebDriver other = Browsers.headlessChromium();
        try {
            signIn(browser, alice, Api.MEMBER_PASSWORD);
            signIn(other, bob, Api.MEMBER_PASSWORD);
            openGroup(browser);
            openGroup(other);
            ((JavascriptExecutor) other).executeScript("window.__notReloaded = true;");

            send(browser, "各位好，明天的材料会前发群里");
            WebDriverWait seconds = new WebDriverWait(other, Duration.ofSeconds(10));
            seconds.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "各位好，明天的材料会前发群里"));
            assertThat(((JavascriptExecutor) other).executeScript("return window.__notReloaded === true;"))
                    .as("the page was not reloaded").isEqualTo(true);
            assertThat(browser.findElements(By.cssSelector("#messages li.message"))).as("drawn once for its author")
                    .hasSize(1);
        } finally {
            other.quit();
        }
    }

    @Test
    @DisplayName("a member whose term ends loses the group: posting is refused with the reason and the list drops it")
    void termEnds() throws InterruptedException {
        Instant started = Instant.now();
        String carol = member(Duration.ofDays(1).minusSeconds(12));
        signIn(browser, carol, Api.MEMBER_PASSWORD);
        openGroup(browser);
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("会员交流群");
        long left = Duration.between(Instant.now(), started.plusSeconds(12)).toMillis();
        if (left > 0) {
            Thread.sleep(left + 300); // the term's end is a time, not something to wait for on the page
        }
        send(browser, "我还在吗");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(
                ExpectedConditions.visibilityOfElementLocated(By.id("composer-error")));
        assertThat(browser.findElement(By.id("composer-error")).getText()).contains("会员群仅对会员有效期内的账号开放");
        browser.get(url("/groups"));
        assertThat(browser.findElements(By.cssSelector("#group-list [data-group-id='" + group + "']"))).isEmpty();
    }

    @Test
    @DisplayName("a muted member is refused with the reason and until when")
    void muted() {
        String dave = member(Duration.ZERO);
        String daveId = api().as(api().token(dave, Api.MEMBER_PASSWORD)).userId();
        admin.post("/api/v1/admin/groups/" + group + "/mutes", Map.of("userId", daveId, "minutes", 60,
                "reason", "发布无关广告"));
        signIn(browser, dave, Api.MEMBER_PASSWORD);
        openGroup(browser);
        send(browser, "出售资料，加我");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(
                ExpectedConditions.visibilityOfElementLocated(By.id("composer-error")));
        assertThat(browser.findElement(By.id("composer-error")).getText()).contains("发布无关广告").contains("禁言至");
        assertThat(browser.findElements(By.cssSelector("#messages li.message"))).isEmpty();
    }
}
