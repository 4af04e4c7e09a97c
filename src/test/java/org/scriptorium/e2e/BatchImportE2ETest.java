package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.scriptorium.imports.TestZips;
import org.scriptorium.support.Api;
import org.scriptorium.support.Words;

/** An editor uploads a zip in the browser, watches the progress bar finish and reads each file's outcome. */
class BatchImportE2ETest extends BrowserTest {

    @TempDir
    Path files;

    @Test
    @DisplayName("an editor uploads a zip, the progress bar reaches 100 % by itself, and the table shows each file")
    void uploadAndWatch() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>(TestZips.realDocuments(Words.unique(), "D06", "D08", "E01"));
        entries.put("../../etc/passwd", "root:x:0:0".getBytes(StandardCharsets.UTF_8));
        Path zip = Files.write(files.resolve("政府文件.zip"), TestZips.gbkZip(entries));

        signIn(browser, Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        browser.get(url("/admin"));
        browser.findElement(By.id("admin-imports")).click();
        browser.findElement(By.id("import-file")).sendKeys(zip.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();

        // The page refreshes its progress by itself (htmx, every second) until the job is done.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.textToBe(By.id("import-status"), "已完成"));
        assertThat(browser.findElement(By.id("import-bar")).getDomAttribute("value")).isEqualTo("100");
        assertThat(browser.findElement(By.id("import-counts")).getText()).contains("4 / 4").contains("导入 3").contains("失败 1");
        assertThat(browser.findElement(By.id("import-progress")).getDomAttribute("hx-trigger"))
                .as("a finished job stops polling").isNull();

        List<String> rows = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#import-items tbody tr"))) {
            rows.add(row.findElement(By.className("import-file")).getText() + " " + row.findElement(By.className("import-result")).getText());
        }
        List<String> names = new ArrayList<>(entries.keySet());
        assertThat(rows).containsExactly(names.get(0) + " 已导入", names.get(1) + " 已导入", names.get(2) + " 已导入",
                "../../etc/passwd 失败");
        assertThat(browser.findElement(By.cssSelector("#import-items tbody tr:last-child .import-reason")).getText())
                .contains("UNSAFE_NAME");

        // the list of imports shows the job, done
        browser.get(url("/admin/imports"));
        assertThat(browser.findElement(By.id("import-jobs")).getText()).contains("政府文件.zip").contains("已完成");
        browser.navigate().back();

        // the first file's link opens its material
        browser.findElement(By.cssSelector("#import-items tbody tr:first-child a")).click();
        wait.until(ExpectedConditions.urlContains("/admin/materials/"));
    }
}
