package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scriptorium.support.Api;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Speeches;

/** A visitor in a real, phone-sized headless Chromium: registers, redeems a code and reads a member material. */
class MemberJourneyE2ETest extends BrowserTest {

    private void registerAndSignIn(String email) {
        browser.get(url("/register"));
        browser.findElement(By.name("email")).sendKeys(email);
        browser.findElement(By.name("displayName")).sendKeys("县委办笔杆子");
        browser.findElement(By.name("password")).sendKeys("member-pass-1");
        // Registration signs in at once (issue 16): no second sign-in.
        browser.findElement(By.cssSelector("#register-form button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.cssSelector(".site-header nav a[href='/me']"), "县委办笔杆子"));
    }

    @Test
    @DisplayName("a visitor registers, redeems a code and reads the full text; a user without membership sees only the preview")
    void registerRedeemRead() {
        Api admin = api().asAdmin();
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "三年会员", "durationDays", 1095, "backCatalogDays", 1095))
                .json().get("id").asString();
        String code = admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", 1)).json().get("codes").get(0).asString();
        String materialId = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", Speeches.RURAL_MEETING), null, null)
                .json().get("materialId").asString();

        registerAndSignIn("e2e-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example");
        browser.get(url("/me"));
        browser.findElement(By.name("code")).sendKeys(code.toLowerCase());
        browser.findElement(By.cssSelector("#redeem-form button")).click();
        // The click submits the form; wait for the page it leads to before reading it.
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash")));
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).startsWith("兑换成功");
        assertThat(browser.findElement(By.id("membership-status")).getText()).contains("三年会员");

        browser.get(url("/materials/" + materialId));
        assertThat(Marked.visible(browser.findElement(By.id("doc-body")).getText()))
                .contains("同志们：", "夺取全年农业丰收")
                .doesNotContain("QQ123456789");
        assertThat(browser.findElements(By.id("paywall"))).isEmpty();
        // A value for a meaning fills its placeholders on the page (××镇 and 某某村 are places; XXX万亩 is a number).
        browser.findElement(By.cssSelector("input[data-meaning='place']")).sendKeys("青山");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> Marked.visible(d.findElement(By.id("doc-body"))
                .getText()).contains("青山镇、青山村"));
        assertThat(Marked.visible(browser.findElement(By.id("doc-body")).getText()))
                .contains("青山镇、青山村", "XXX万亩");
        // A click on one placeholder opens its own field, whose value wins over the meaning's there only.
        List<WebElement> places = browser.findElements(By.cssSelector("#doc-body mark.ph[data-meaning='place']"));
        places.get(1).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> d.switchTo().activeElement()
                .getAttribute("data-n") != null);
        browser.switchTo().activeElement().sendKeys("绿水");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> Marked.visible(d.findElement(By.id("doc-body"))
                .getText()).contains("青山镇、绿水村"));
        assertThat(Marked.visible(browser.findElement(By.id("doc-body")).getText())).contains("青山镇、绿水村");
        // The TXT download link carries both, and the file has them.
        String href = browser.findElement(By.cssSelector("a[data-download][href*='format=txt']")).getAttribute("href");
        assertThat(href).contains("fill.place=").contains("fill." + places.get(1).getAttribute("data-n") + "=");
        Object txt = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);", href);
        assertThat(Marked.visible((String) txt)).contains("青山镇、绿水村").doesNotContain("××镇");

        browser.manage().deleteAllCookies();
        registerAndSignIn("e2e-free-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example");
        browser.get(url("/materials/" + materialId));
        assertThat(browser.findElements(By.id("doc-body"))).isEmpty();
        assertThat(browser.findElement(By.id("preview")).getText()).contains("今天召开这次会议");
        assertThat(browser.findElement(By.id("preview")).getText()).doesNotContain("奋力夺取全年农业丰收");
        assertThat(browser.findElement(By.id("paywall")).getText()).contains("开通会员后可阅读全文");
        assertThat(browser.findElement(By.cssSelector(".outline")).getText()).contains("抓好粮食播种");
    }
}
