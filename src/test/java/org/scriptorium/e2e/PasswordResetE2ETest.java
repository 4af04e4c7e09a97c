package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scriptorium.support.Api;
import org.scriptorium.support.WithMailServer;

/** A member who forgot their password, in a real headless Chromium, with the letter read from a real SMTP server. */
class PasswordResetE2ETest extends BrowserTest implements WithMailServer {

    private WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private void submitSignIn(String email, String password) {
        browser.get(url("/login"));
        browser.findElement(By.name("email")).sendKeys(email);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("#login-form button")).click();
    }

    @Test
    @DisplayName("forgot password → the letter arrives by SMTP → its link → a new password → sign-in works with it, and no longer with the old one")
    void forgotPassword() {
        String email = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "@mail.test";
        api().newMember(email);

        browser.get(url("/login"));
        browser.findElement(By.id("forgot-link")).click();
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("forgot-form")));
        browser.findElement(By.name("email")).sendKeys(email);
        browser.findElement(By.cssSelector("#forgot-form button")).click();
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.ok")));
        assertThat(browser.findElement(By.cssSelector(".flash.ok")).getText()).contains("重置密码的邮件已经发出");

        String link = MailServer.link(MailServer.awaitLetters(email, "重置密码", 1).getFirst(), "/password/reset");
        browser.get(link);
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("reset-form")));
        browser.findElement(By.name("newPassword")).sendKeys("忘了又找回的密码-1");
        browser.findElement(By.cssSelector("#reset-form button")).click();
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("login-form")));
        assertThat(browser.findElement(By.cssSelector(".flash.ok")).getText()).contains("密码已重置");

        submitSignIn(email, Api.MEMBER_PASSWORD);
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.error")));
        assertThat(browser.findElement(By.cssSelector(".flash.error")).getText()).isEqualTo("邮箱或密码错误。");

        signIn(browser, email, "忘了又找回的密码-1");

        browser.get(link);
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.id("forgot-again")));
        assertThat(browser.findElements(By.id("reset-form"))).as("the link worked once").isEmpty();
    }
}
