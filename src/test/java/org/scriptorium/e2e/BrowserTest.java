package org.scriptorium.e2e;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scriptorium.support.IntegrationTest;

/** A test in a real headless Chromium against the running application: a fresh browser for each test. */
abstract class BrowserTest extends IntegrationTest {

    WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Browsers.headlessChromium(keepsConsole());
    }

    /** Whether the test reads the page's console ({@link Browsers#headlessChromium(boolean)}). */
    boolean keepsConsole() {
        return false;
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Signs in on the login page, as a person would, and waits until the header shows the account's link. */
    void signIn(WebDriver in, String email, String password) {
        in.get(url("/login"));
        in.findElement(By.name("email")).sendKeys(email);
        in.findElement(By.name("password")).sendKeys(password);
        in.findElement(By.cssSelector("#login-form button")).click();
        new WebDriverWait(in, Duration.ofSeconds(15)).until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector(".site-header nav a[href='/me']")));
    }
}
