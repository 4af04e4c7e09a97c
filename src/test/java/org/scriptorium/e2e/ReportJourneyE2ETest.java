package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.Role;
import org.scriptorium.support.Api;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In a real, phone-sized headless Chromium: a reader reports a member's leaked copy, an editor upholds the report on
 * the review page, the reporter's membership grows by a year and the leaker can no longer read.
 */
class ReportJourneyE2ETest extends BrowserTest {

    @Autowired
    Accounts accounts;

    @TempDir
    Path files;

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    /** Signs in afresh: whoever was signed in before is forgotten. */
    private void signIn(String email, String password) {
        browser.manage().deleteAllCookies();
        signIn(browser, email, password);
    }

    private static String email(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    private static Instant endsAt(Api member) {
        return Instant.parse(member.get("/api/v1/me").json().get("membership").get("endsAt").asString());
    }

    @Test
    @DisplayName("a reader reports a leaked TXT copy, an editor upholds it on the review page: the reporter gets a year, the leaker can no longer read")
    void reportUpheld() throws Exception {
        Api admin = api().asAdmin();
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "三年会员", "durationDays", 1095, "backCatalogDays", 1095))
                .json().get("id").asString();
        String text = Speeches.longSpeech(Words.unique());
        String materialId = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", text), null, null)
                .json().get("materialId").asString();

        // A member downloads their copy as TXT: that file is what turns up for sale.
        String leakerEmail = email("leaker");
        Api leaker = api().newMember(leakerEmail);
        String leakerId = leaker.userId();
        admin.post("/api/v1/admin/users/" + leakerId + "/grant", Map.of("planId", planId));
        Api.Response download = leaker.get("/api/v1/materials/" + materialId + "/download?format=txt");
        assertThat(download.status()).isEqualTo(200);
        Path leakedFile = Files.write(files.resolve("制造业调研报告.txt"), download.bytes());
        long leakerNumber = accounts.get(leakerId).memberNumber();

        String reporterEmail = email("reporter");
        Api reporter = api().newMember(reporterEmail);
        admin.post("/api/v1/admin/users/" + reporter.userId() + "/grant", Map.of("planId", planId));
        Instant endsBefore = endsAt(reporter);

        // The reporter files the report in the browser.
        signIn(reporterEmail, Api.MEMBER_PASSWORD);
        browser.findElement(By.id("nav-report")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("report-form")));
        String shop = "淘宝店铺“公文宝库" + Words.unique() + "”";
        browser.findElement(By.name("where")).sendKeys(shop);
        browser.findElement(By.name("statement")).sendKeys("九块九一份，和我下载的一模一样");
        browser.findElement(By.cssSelector("#report-form input[type=file]")).sendKeys(leakedFile.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#report-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("/me/reports"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.ok")));
        assertThat(browser.findElement(By.cssSelector(".flash.ok")).getText()).startsWith("举报已提交");
        assertThat(browser.findElement(By.id("my-reports")).getText()).contains(shop, "待审核");

        // An editor finds it in the queue, with the tracer's verdict already there, and upholds it.
        String editorEmail = email("editor");
        Api editor = api().newMember(editorEmail);
        accounts.setRoles(accounts.findByEmail(Api.ADMIN_EMAIL).orElseThrow().id(), editor.userId(), EnumSet.of(Role.EDITOR));
        signIn(editorEmail, Api.MEMBER_PASSWORD);
        browser.get(url("/admin"));
        browser.findElement(By.id("admin-reports")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("cases")));
        browser.findElement(By.linkText(shop)).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("trace-result")));
        assertThat(browser.findElement(By.id("trace-verdict")).getText()).isEqualTo("结论：可以认定");
        assertThat(browser.findElement(By.id("suspects")).getText()).contains(Long.toString(leakerNumber), leakerEmail);
        assertThat(browser.findElement(By.id("ledger")).getText()).contains("txt");
        browser.findElement(By.cssSelector("#uphold-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.ok")));
        assertThat(browser.findElement(By.cssSelector(".flash.ok")).getText())
                .contains("已核实并暂停 1 个账号", "已奖励举报人「一年会员」");
        assertThat(browser.findElement(By.id("case-status")).getText()).isEqualTo("已核实");
        assertThat(browser.findElement(By.id("named-accounts")).getText()).contains(leakerEmail, "暂停中");

        // The reporter's membership runs a year longer, and they are told.
        assertThat(endsAt(reporter)).isEqualTo(endsBefore.plus(Duration.ofDays(365)));
        signIn(reporterEmail, Api.MEMBER_PASSWORD);
        browser.findElement(By.id("nav-notices")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("notices")));
        assertThat(browser.findElement(By.id("notices")).getText()).contains("举报已核实，获赠「一年会员」");
        assertThat(browser.findElement(By.id("my-reports")).getText()).contains("已核实", "已奖励");

        // The leaker's token is dead, and signed in again they read nothing in full.
        assertThat(leaker.get("/api/v1/materials/" + materialId).status()).isEqualTo(401);
        signIn(leakerEmail, Api.MEMBER_PASSWORD);
        assertThat(browser.findElement(By.id("suspended-notice")).getText()).contains("您的账号已于", "经核实泄露");
        browser.get(url("/materials/" + materialId));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("paywall")));
        assertThat(browser.findElements(By.id("doc-body"))).isEmpty();
        assertThat(browser.findElement(By.id("paywall")).getText()).contains("账号已被暂停", "暂停期间不能兑换激活码");
        Api leakerAgain = api().as(api().token(leakerEmail, Api.MEMBER_PASSWORD));
        assertThat(leakerAgain.get("/api/v1/materials/" + materialId + "/download?format=txt").status()).isEqualTo(403);
    }
}
