package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scriptorium.support.Api;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;

@DisplayName("A visitor on a phone finds the price and the shop on the paywall, signs in, redeems a code and is back at the material")
class BuyingJourneyE2ETest extends BrowserTest {

    @Test
    void paywallToReading() throws Exception {
        Api admin = api().asAdmin();
        String name = "一年会员" + Words.unique();
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", name, "durationDays", 365, "price", 199,
                "description", "一年内阅读全部会员资料", "shopUrl", "https://item.taobao.com/item.htm?id=42"))
                .json().get("id").asString();
        String code = admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", 1, "channel", "淘宝"))
                .json().get("codes").get(0).asString();
        String materialId = admin.multipart("POST", "/api/v1/admin/materials",
                Map.of("text", Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique())), null, null)
                .json().get("materialId").asString();
        Api member = api().newMember();
        String email = member.get("/api/v1/me").json().get("email").asString();

        browser.manage().window().setSize(new Dimension(360, 780));
        browser.get(url("/materials/" + materialId));
        WebElement paywall = browser.findElement(By.id("paywall"));
        assertThat(paywall.getText()).contains(name, "¥199", "一年内阅读全部会员资料", "购买", "已有卡密？去激活");
        WebElement buy = paywall.findElement(By.cssSelector("a.offer-buy"));
        assertThat(buy.getAttribute("href")).isEqualTo("https://item.taobao.com/item.htm?id=42");
        assertThat(buy.getAttribute("target")).isEqualTo("_blank");
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "const p = document.getElementById('paywall'); return p.scrollWidth - p.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("the paywall fits a 360 px phone").isLessThanOrEqualTo(0);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", paywall);
        Files.write(Path.of("target", "buying-paywall-360.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        paywall.findElement(By.linkText("已有卡密？去激活")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-form")));
        browser.findElement(By.name("email")).sendKeys(email);
        browser.findElement(By.name("password")).sendKeys(Api.MEMBER_PASSWORD);
        browser.findElement(By.cssSelector("#login-form button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#redeem-form input[name=code]")));
        browser.findElement(By.cssSelector("#redeem-form input[name=code]")).sendKeys(code.toLowerCase());
        browser.findElement(By.cssSelector("#redeem-form button")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("doc-body")));
        assertThat(browser.getCurrentUrl()).endsWith("/materials/" + materialId);
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).startsWith("兑换成功");
        assertThat(browser.findElements(By.id("paywall"))).isEmpty();
    }
}
