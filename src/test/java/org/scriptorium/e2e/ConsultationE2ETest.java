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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scriptorium.support.Api;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Consultation end to end, in two real browsers: a visitor asks from the link in the footer and is shown their link
 * once; staff find the question in the inbox's 未分配 box, insert a canned reply and send it; the visitor opens their
 * link and reads the answer, which was also queued as an e-mail to them.
 */
class ConsultationE2ETest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    private WebDriver staff;

    @BeforeEach
    void openStaffBrowser() {
        staff = Browsers.headlessChromium();
    }

    @AfterEach
    void closeStaffBrowser() {
        staff.quit();
    }

    @Test
    @DisplayName("a visitor asks from the footer, staff answer with a canned reply, the visitor reads it with their link")
    void visitorAsksStaffAnswer() {
        String cannedTitle = "如何购买" + Words.unique();
        String cannedText = "请在淘宝搜索“笔杆子文库”，付款后自动发送激活码。";
        assertThat(api().asAdmin().post("/api/v1/admin/canned-replies", Map.of("title", cannedTitle, "text", cannedText))
                .status()).isEqualTo(201);
        String email = "e2e" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        String subject = "怎么买会员" + Words.unique();

        WebDriver visitor = browser;
        WebDriverWait visitorWaits = new WebDriverWait(visitor, Duration.ofSeconds(15));
        visitor.get(url("/"));
        visitor.findElement(By.id("footer-consult")).click();
        visitorWaits.until(ExpectedConditions.presenceOfElementLocated(By.id("consultation-form")));
        visitor.findElement(By.name("email")).sendKeys(email);
        visitor.findElement(By.name("subject")).sendKeys(subject);
        visitor.findElement(By.name("text")).sendKeys("请问三年会员在哪里买？");
        visitor.findElement(By.cssSelector("#consultation-form button[type=submit]")).click();
        visitorWaits.until(ExpectedConditions.presenceOfElementLocated(By.id("visitor-link-href")));
        String link = visitor.findElement(By.id("visitor-link-href")).getAttribute("href");
        assertThat(link).contains("/consultations/").contains("?token=");
        assertThat(visitor.findElement(By.tagName("main")).getText()).contains(email).contains("只显示这一次");

        signIn(staff, Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        WebDriverWait staffWaits = new WebDriverWait(staff, Duration.ofSeconds(15));
        staff.get(url("/admin/consultations?box=unassigned"));
        staff.findElement(By.linkText(subject)).click();
        staffWaits.until(ExpectedConditions.presenceOfElementLocated(By.id("answer-form")));
        assertThat(staff.findElement(By.id("messages")).getText()).contains("请问三年会员在哪里买？");
        new Select(staff.findElement(By.id("canned-reply"))).selectByVisibleText(cannedTitle);
        // 插入 is a form submission (it works without JavaScript): the page is replaced, so the old textarea goes stale.
        var textareaBefore = staff.findElement(By.id("answer-text"));
        staff.findElement(By.id("insert-canned")).click();
        staffWaits.until(ExpectedConditions.stalenessOf(textareaBefore));
        staffWaits.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("answer-text")).getDomProperty("value").contains(cannedText));
        staff.findElement(By.id("send-answer")).click();
        staffWaits.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.ok"), "已发邮件通知访客"));
        assertThat(staff.findElement(By.id("consultation-status")).getText()).isEqualTo("已回复");

        visitor.get(link);
        visitorWaits.until(ExpectedConditions.presenceOfElementLocated(By.id("messages")));
        assertThat(visitor.findElement(By.tagName("h1")).getText()).isEqualTo(subject);
        assertThat(visitor.findElement(By.cssSelector("#messages li.from-staff")).getText()).contains(cannedText);
        assertThat(visitor.findElement(By.id("consultation-status")).getText()).isEqualTo("已回复");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = ? AND kind = 'CONSULTATION_ANSWER'")
                .param(email).query(Long.class).single()).isEqualTo(1);
    }
}
