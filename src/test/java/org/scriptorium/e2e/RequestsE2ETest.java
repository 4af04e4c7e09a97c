package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scriptorium.support.Api;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;

/**
 * The requests board end to end, in two real browsers: a member posts what they need; an editor, on the request's
 * page, picks the material that answers it from the newest publications; the member, with the request still open,
 * is told in the bell without reloading, and finds the request fulfilled with a link to the material.
 */
class RequestsE2ETest extends BrowserTest {

    private WebDriver editor;

    @BeforeEach
    void openEditorsBrowser() {
        editor = Browsers.headlessChromium();
    }

    @AfterEach
    void closeEditorsBrowser() {
        editor.quit();
    }

    @Test
    @DisplayName("a member's request, fulfilled by an editor choosing the material on its page, reaches the member live")
    void requestFulfilled() {
        WebDriver member = browser;
        String email = "req" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        api().newMember(email);
        String title = "在" + Words.unique() + "防汛工作部署会上的讲话";
        Api.Response published = api().asAdmin().multipart("POST", "/api/v1/admin/materials",
                Map.of("text", Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique()), "title", title),
                null, null);
        assertThat(published.status()).as(published.text()).isEqualTo(201);

        signIn(member, email, Api.MEMBER_PASSWORD);
        member.get(url("/requests"));
        String need = "乡镇防汛工作部署会讲话稿" + Words.unique();
        member.findElement(By.name("title")).sendKeys(need);
        member.findElement(By.name("detail")).sendKeys("十分钟左右，侧重隐患排查");
        member.findElement(By.cssSelector("#request-form button")).click();
        WebDriverWait memberWaits = new WebDriverWait(member, Duration.ofSeconds(15));
        memberWaits.until(ExpectedConditions.presenceOfElementLocated(By.id("request-status")));
        assertThat(member.findElement(By.tagName("h1")).getText()).isEqualTo(need);
        assertThat(member.findElement(By.id("request-status")).getText()).isEqualTo("征集中");
        String requestPath = member.getCurrentUrl().substring(member.getCurrentUrl().indexOf("/requests/"));
        memberWaits.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("html[data-events=open]")));
        ((JavascriptExecutor) member).executeScript("window.__notReloaded = true;");

        signIn(editor, Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        editor.get(url(requestPath));
        new Select(editor.findElement(By.id("fulfil-material"))).selectByVisibleText(
                editor.findElements(By.cssSelector("#fulfil-material option")).stream()
                        .map(o -> o.getText()).filter(t -> t.startsWith(title)).findFirst().orElseThrow());
        editor.findElement(By.cssSelector("#fulfil-form button")).click();
        new WebDriverWait(editor, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("request-status"), "已满足"));

        // The bell is open while the event arrives: its refreshed contents keep it open.
        // the bell may be re-rendered by a live event right as it is clicked: click what stands there then
        memberWaits.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("#bell summary")).click();
            return true;
        });
        memberWaits.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bell-list"),
                "您提出或支持的需求已有资料：《" + title + "》"));
        assertThat(((JavascriptExecutor) member).executeScript("return window.__notReloaded === true;"))
                .as("told without reloading").isEqualTo(true);

        member.get(url(requestPath));
        assertThat(member.findElement(By.id("request-status")).getText()).isEqualTo("已满足");
        assertThat(member.findElement(By.linkText(title)).getAttribute("href")).contains("/materials/");
    }
}
