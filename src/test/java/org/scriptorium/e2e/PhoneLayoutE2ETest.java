package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scriptorium.support.Api;

/**
 * The pages issue 16 added, on a 360 px phone, filled as people would see them ({@link Issue16Scene}): none is wider
 * than the screen (no sideways scrolling) and the header stays one row. With
 * {@code -Dscriptorium.test.screenshots=<dir>} each page is also photographed at 360 px and at 1366 px, to look at.
 */
@DisabledIfSystemProperty(named = "scriptorium.test.db", matches = "postgresql",
        disabledReason = "the pages are laid out the same on either database: checked in the H2 run")
class PhoneLayoutE2ETest extends BrowserTest {

    private static final int PHONE = 360;

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    @Test
    @DisplayName("at 360 px no page of issue 16 scrolls sideways and the header stays one row: visitor, member and staff pages")
    void noSidewaysScrolling() throws IOException {
        Issue16Scene scene = Issue16Scene.build(api());
        String reading = "/materials/" + scene.materialId();
        // A phone's scrollbars float over the page; a desktop Chromium's would take 15 px of the 360.
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", true));
        browser.manage().window().setSize(new Dimension(PHONE, 800));
        assertThat(((Number) js().executeScript("return innerWidth;")).intValue()).isLessThanOrEqualTo(PHONE);
        List<String> problems = new ArrayList<>();

        for (String page : List.of("/plans", "/consultations/new", "/password/forgot", reading)) {
            look("visitor", page, problems);
        }
        signIn(browser, scene.memberEmail(), Api.MEMBER_PASSWORD);
        for (String page : List.of("/groups", "/groups/" + scene.groupId(), "/me", "/me/redeem", "/me/consultations",
                "/consultations/" + scene.consultationId(), "/consultations/new", reading)) {
            look("member", page, problems);
        }
        browser.manage().deleteAllCookies();
        signIn(browser, Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        for (String page : List.of("/admin/groups", "/admin/consultations", "/admin/mail")) {
            look("staff", page, problems);
        }
        assertThat(problems).as("pages that do not fit a %d px phone", PHONE).isEmpty();
    }

    /** Opens a page, waits for what scripts draw, and notes what does not fit the phone's width. */
    private void look(String who, String path, List<String> problems) throws IOException {
        browser.get(url(path));
        if (path.startsWith("/groups/")) {
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages[data-loaded=true]")));
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> (Boolean) js().executeScript(
                    "return Array.from(document.images).every(function (i) { return i.complete; });"));
        }
        assertThat(browser.getCurrentUrl()).as("%s sees %s, not the sign-in page", who, path).doesNotContain("/login");
        @SuppressWarnings("unchecked")
        Map<String, Object> fit = (Map<String, Object>) js().executeScript("""
                var widest = null, right = innerWidth;
                function scrolledInside(e) {
                  for (var p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                    if (getComputedStyle(p).overflowX !== 'visible') { return true; }
                  }
                  return false;
                }
                document.querySelectorAll('body *').forEach(function (e) {
                  if (scrolledInside(e)) { return; }
                  var r = e.getBoundingClientRect();
                  if (r.width > 0 && r.right > right + 0.5) { right = r.right; widest = e; }
                });
                var tops = Array.from(document.querySelectorAll('.site-header .brand, .site-header nav > *'))
                  .filter(function (e) { return e.offsetParent !== null; })
                  .map(function (e) { return Math.round(e.getBoundingClientRect().top); });
                return {scrollWidth: document.documentElement.scrollWidth, innerWidth: innerWidth,
                  widest: widest ? widest.outerHTML.slice(0, 120) : null,
                  headerRows: Math.max.apply(null, tops) - Math.min.apply(null, tops)};""");
        long scrollWidth = ((Number) fit.get("scrollWidth")).longValue();
        long innerWidth = ((Number) fit.get("innerWidth")).longValue();
        if (scrollWidth > innerWidth) {
            problems.add(String.format("%s %s: %d px wide on a %d px screen, widest %s", who, path, scrollWidth,
                    innerWidth, fit.get("widest")));
        }
        if (((Number) fit.get("headerRows")).intValue() >= 20) {
            problems.add(who + " " + path + ": the header wraps into two rows");
        }
        photograph(who, path);
    }

    /** With {@code -Dscriptorium.test.screenshots=<dir>}: the page at 360 px and at 1366 px, in screens of 1,400 px. */
    private void photograph(String who, String path) throws IOException {
        String dir = System.getProperty("scriptorium.test.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        String name = who + path.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-[0-9a-z]{20}$", "-id");
        Files.createDirectories(Path.of(dir));
        for (int width : new int[] {PHONE, 1366}) {
            browser.manage().window().setSize(new Dimension(width, 1400));
            long height = ((Number) js().executeScript("return document.documentElement.scrollHeight;")).longValue();
            for (int screen = 0; screen * 1400L < height && screen < 4; screen++) {
                js().executeScript("window.scrollTo(0, arguments[0]);", screen * 1400);
                Files.write(Path.of(dir, name + "-" + width + "-" + screen + ".png"),
                        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            }
        }
        js().executeScript("window.scrollTo(0, 0);");
        browser.manage().window().setSize(new Dimension(PHONE, 800));
    }
}
