package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scriptorium.support.Api;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;

/**
 * The leak guard as a user meets it: a member pastes 300 characters of their copy of a member material into the free
 * group; nothing is posted (another reader's open page never shows it, the history does not hold it), the poster is
 * told why, and a case for review appears in the editors' queue.
 */
class LeakGuardE2ETest extends BrowserTest {

    @Test
    @DisplayName("300 characters of a member copy pasted into the free group post nothing and open a case")
    void pastedExcerptIsHeld() {
        Api admin = api().asAdmin();
        Map<String, String> fields = new HashMap<>();
        fields.put("text", Speeches.longSpeech(Words.unique()));
        fields.put("tier", "MEMBER");
        String materialId = admin.multipart("POST", "/api/v1/admin/materials", fields, null, null).json()
                .get("materialId").asString();
        String group = admin.post("/api/v1/admin/groups", Map.of("name", "免费交流群" + UUID.randomUUID().toString().substring(0, 4),
                "kind", "FREE")).json().get("id").asString();
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "年卡", "durationDays", 365)).json()
                .get("id").asString();
        String email = "leak" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        Api member = api().newMember(email);
        admin.post("/api/v1/admin/users/" + member.userId() + "/grant", Map.of("planId", planId));
        String onlooker = "free" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        api().newMember(onlooker);
        int casesBefore = admin.get("/api/v1/admin/reports?kind=LEAK_GUARD").json().size();

        // The member's own copy, as the reading page's 复制 gives it: 300 characters from its middle.
        String copy = member.get("/api/v1/materials/" + materialId).json().get("text").asString();
        String excerpt = copy.substring(copy.length() / 3, copy.length() / 3 + 300);

        WebDriver other = Browsers.headlessChromium();
        try {
            signIn(browser, email, Api.MEMBER_PASSWORD);
            signIn(other, onlooker, Api.MEMBER_PASSWORD);
            openGroup(browser, group);
            openGroup(other, group);
            // Pasted, not typed: the text arrives in the composer at once, invisible characters and all.
            ((JavascriptExecutor) browser).executeScript(
                    "var box = document.getElementById('composer-text'); box.value = arguments[0];"
                            + "box.dispatchEvent(new Event('input', {bubbles: true}));", excerpt);
            browser.findElement(By.id("composer-send")).click();
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(
                    ExpectedConditions.visibilityOfElementLocated(By.id("composer-note")));
            assertThat(browser.findElement(By.id("composer-note")).getText()).contains("消息未发出").contains("会员专享资料");
            assertThat(browser.findElements(By.cssSelector("#messages li.message"))).as("nothing drawn for its author")
                    .isEmpty();

            // A message sent after it arrives on the other page, so the held one would have been there by now.
            ((JavascriptExecutor) browser).executeScript("document.getElementById('composer-text').value = arguments[0];",
                    "大家好，请问年终总结一般怎么开头？");
            browser.findElement(By.id("composer-send")).click();
            new WebDriverWait(other, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("messages"), "年终总结一般怎么开头"));
            assertThat(other.findElements(By.cssSelector("#messages li.message"))).hasSize(1);
            String snippet = excerpt.replaceAll("\\p{Cf}", "").substring(100, 130);
            assertThat(other.findElement(By.id("messages")).getText()).doesNotContain(snippet);
            assertThat(admin.get("/api/v1/groups/" + group + "/messages").text()).doesNotContain(snippet);
        } finally {
            other.quit();
        }

        // The case is in the editors' queue, naming the poster and where it was posted.
        assertThat(admin.get("/api/v1/admin/reports?kind=LEAK_GUARD").json().size()).isEqualTo(casesBefore + 1);
        browser.manage().deleteAllCookies(); // the member's session ends; an editor signs in afresh
        signIn(browser, Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        browser.get(url("/admin/reports?kind=LEAK_GUARD"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/admin/reports"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("拦截的消息");
    }

    private void openGroup(WebDriver in, String group) {
        in.get(url("/groups/" + group));
        WebDriverWait waiting = new WebDriverWait(in, Duration.ofSeconds(15));
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages[data-loaded=true]")));
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("html[data-events^=open]")));
    }
}
